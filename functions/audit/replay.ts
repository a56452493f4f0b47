import { projections } from '../../domain/views/index.js';
import type { Commit } from '../../events/index.js';
import { InMemoryViewStore } from '../adapters/memory-view-store.js';
import { complianceOf } from '../http/routes/compliance.js';
import { Projector } from '../projector/projector.js';

/**
 * Rebuilds every view from history up to an instant into a scratch store, then answers a plan's
 * compliance as it stood: the auditor's check that the figures follow from the recorded facts.
 */
export async function replayCompliance(
  commits: AsyncIterable<Commit> | Iterable<Commit>,
  community: string,
  planId: string,
  asOf: Date,
) {
  const views = new InMemoryViewStore();
  const projector = new Projector(views, projections);
  const recorded: Commit[] = [];
  for await (const commit of commits) {
    if (commit.community === community && Date.parse(commit.recordedAt) <= asOf.getTime())
      recorded.push(commit);
  }
  // Each view item follows one stream, so only each stream's own order matters (writers' clocks may skew).
  recorded.sort((a, b) =>
    a.streamId === b.streamId ? a.firstVersion - b.firstVersion : a.streamId < b.streamId ? -1 : 1,
  );
  for (const commit of recorded) await projector.applyCommit(commit);
  return { applied: recorded.length, items: await complianceOf(views, community, planId, asOf) };
}
