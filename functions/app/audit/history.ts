import type { Commit } from '../../../events/index.js';
import type { EventStore } from '../ports.js';
import type { DailyDigest, DigestStore } from './digests.js';
import { afterDay, commitsBetween } from './ledger-state.js';

/** A community's whole history in global order (the full audit's input). */
export async function readWholeHistory(
  events: Pick<EventStore, 'readHistory'>,
  community: string,
): Promise<Commit[]> {
  return commitsBetween(events, community, undefined);
}

/**
 * Writes the daily digests a community lacks for the days before `today`: from the last digest
 * written and the ledger state it kept, only the history after its day is read (from the whole
 * history when there is none yet, or it was written before digests kept the ledger state).
 */
export async function writeDigestsFromHistory(
  deps: {
    readonly events: Pick<EventStore, 'readHistory'>;
    readonly digests: Pick<DigestStore, 'writeMissing' | 'latest'>;
  },
  community: string,
  today: string,
): Promise<DailyDigest[]> {
  const last = await deps.digests.latest(community);
  if (!last?.ledger)
    return deps.digests.writeMissing(community, await readWholeHistory(deps.events, community), today);
  const after = await commitsBetween(deps.events, community, afterDay(last.day));
  return deps.digests.writeMissing(community, after, today, {
    day: last.day,
    previous: last.digest,
    ledger: last.ledger,
  });
}
