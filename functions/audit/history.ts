import type { Commit } from '../../events/index.js';
import type { EventStore } from '../app/ports.js';

/** A community's whole history in global order (the audit's and the digests' input). */
export async function readWholeHistory(
  events: Pick<EventStore, 'readHistory'>,
  community: string,
): Promise<Commit[]> {
  const commits: Commit[] = [];
  let after: string | undefined;
  do {
    const page = await events.readHistory({ community, after, limit: 1000 });
    commits.push(...page.commits);
    after = page.nextAfter;
  } while (after);
  return commits;
}
