import type { Logger } from '@aws-lambda-powertools/logger';
import { type DigestStore, dayBefore } from '../app/audit/digests.js';
import { writeDigestsFromHistory } from '../app/audit/history.js';
import { settledBefore } from '../app/audit/ledger-state.js';
import type { EventStore } from '../app/ports.js';
import type { DigestUnit, UnitOutcome } from '../app/scheduled-work.js';

/** One community's digests of the days that ended before the run's day (written once; a redelivery writes nothing). */
export function createDigestUnits(deps: { events: EventStore; digests: DigestStore; logger?: Logger }) {
  return async (unit: DigestUnit): Promise<UnitOutcome> => {
    // A day is over once its last commits have settled (a commit in flight at midnight is in it).
    const today = new Date(settledBefore(new Date(unit.time))).toISOString().slice(0, 10);
    // The local timer runs every minute: a community already digested through yesterday costs one read.
    if (((await deps.digests.digestedThrough(unit.community)) ?? '') >= dayBefore(today))
      return { unit, outcome: 'skipped' };
    const days = (await writeDigestsFromHistory(deps, unit.community, today)).map((d) => d.day);
    if (days.length > 0) deps.logger?.info('digests written', { community: unit.community, days });
    return { unit, outcome: 'written', days };
  };
}
