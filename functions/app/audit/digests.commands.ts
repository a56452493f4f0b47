import type { Clock, EventStore } from '../ports.js';
import type { DailyDigest, DigestStore } from './digests.js';
import { writeDigestsFromHistory } from './history.js';

export interface DigestCommandDeps {
  readonly events: Pick<EventStore, 'readHistory'>;
  readonly digests: Pick<DigestStore, 'writeMissing'>;
  readonly clock: Clock;
}

/** Writes the digests of the days that have ended and have none yet (what the daily job does too). */
export async function writeMissingDigests(
  deps: DigestCommandDeps,
  reader: { readonly community: string },
): Promise<DailyDigest[]> {
  return writeDigestsFromHistory(deps, reader.community, deps.clock.now().toISOString().slice(0, 10));
}
