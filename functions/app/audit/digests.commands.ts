import type { Clock, EventStore } from '../ports.js';
import type { DailyDigest, DigestStore } from './digests.js';
import { writeDigestsFromHistory } from './history.js';
import { settledBefore } from './ledger-state.js';

export interface DigestCommandDeps {
  readonly events: Pick<EventStore, 'readHistory'>;
  readonly digests: Pick<DigestStore, 'writeMissing' | 'latest'>;
  readonly clock: Clock;
}

/**
 * Writes the digests of the days that have ended and have none yet (what the daily job does too): a
 * day is over once its last commits have settled (`SETTLE_MS` after midnight).
 */
export async function writeMissingDigests(
  deps: DigestCommandDeps,
  reader: { readonly community: string },
): Promise<DailyDigest[]> {
  const today = new Date(settledBefore(deps.clock.now())).toISOString().slice(0, 10);
  return writeDigestsFromHistory(deps, reader.community, today);
}
