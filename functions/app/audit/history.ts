import type { Commit } from '../../../events/index.js';
import type { EventStore } from '../ports.js';
import type { DailyDigest, DigestStore } from './digests.js';

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

/** Writes the daily digests a community lacks for the days before `today`, from its whole history. */
export async function writeDigestsFromHistory(
  deps: {
    readonly events: Pick<EventStore, 'readHistory'>;
    readonly digests: Pick<DigestStore, 'writeMissing'>;
  },
  community: string,
  today: string,
): Promise<DailyDigest[]> {
  return deps.digests.writeMissing(community, await readWholeHistory(deps.events, community), today);
}
