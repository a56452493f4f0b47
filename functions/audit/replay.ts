import { projections } from '../../domain/projections.js';
import type { Commit } from '../../events/index.js';
import { InMemoryViewStore } from '../adapters/memory-view-store.js';
import { complianceOf } from '../app/compliance/compliance.queries.js';
import { Projector } from '../projector/projector.js';

/**
 * The plan had no recorded history by the instant asked: the ledger knew nothing of it then, so
 * there is no compliance to replay (rather than a "not found" that reads like a broken history).
 */
export class PlanNotYetRecorded extends Error {
  constructor(
    readonly planId: string,
    readonly asOf: Date,
    /** When the plan was first recorded, if this history has it at all. */
    readonly firstRecordedAt: string | undefined,
  ) {
    super(
      firstRecordedAt
        ? `plan ${planId} did not exist yet at ${asOf.toISOString()}; it was first recorded at ${new Date(firstRecordedAt).toISOString()}, replay as of then or later`
        : `plan ${planId} is not in this history`,
    );
    this.name = 'PlanNotYetRecorded';
  }
}

/**
 * Rebuilds every view from history up to an instant into a scratch store, then answers a plan's
 * compliance as it stood: the auditor's check that the figures follow from the recorded facts.
 * Throws PlanNotYetRecorded when the plan was not recorded by then.
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
  let planFirstRecordedAt: string | undefined;
  for await (const commit of commits) {
    if (commit.community !== community) continue;
    if (commit.events.some((e) => e.type === 'PlanCreated' && e.data.planId === planId)) {
      if (
        planFirstRecordedAt === undefined ||
        Date.parse(commit.recordedAt) < Date.parse(planFirstRecordedAt)
      )
        planFirstRecordedAt = commit.recordedAt;
    }
    if (Date.parse(commit.recordedAt) <= asOf.getTime()) recorded.push(commit);
  }
  if (planFirstRecordedAt === undefined || Date.parse(planFirstRecordedAt) > asOf.getTime())
    throw new PlanNotYetRecorded(planId, asOf, planFirstRecordedAt);
  // Each view item follows one stream, so only each stream's own order matters (writers' clocks may skew).
  recorded.sort((a, b) =>
    a.streamId === b.streamId ? a.firstVersion - b.firstVersion : a.streamId < b.streamId ? -1 : 1,
  );
  for (const commit of recorded) await projector.applyCommit(commit);
  return { applied: recorded.length, items: await complianceOf(views, community, planId, asOf) };
}
