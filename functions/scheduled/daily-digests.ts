import type { Logger } from '@aws-lambda-powertools/logger';
import { allPlansList, type PlanIndexEntry } from '../../domain/views/plan.view.js';
import type { Clock, EventStore } from '../app/ports.js';
import { readAll } from '../app/read-all.js';
import type { ViewStore } from '../app/view-store.js';
import { type DigestStore, dayBefore } from '../audit/digests.js';
import { writeDigestsFromHistory } from '../audit/history.js';

/** The daily job: for every community with a plan, the digests of the days that have ended. */
export function createDailyDigests(deps: {
  views: ViewStore;
  events: EventStore;
  digests: DigestStore;
  clock: Clock;
  logger?: Logger;
}) {
  return async (event: { time?: string } = {}) => {
    const now = event.time ? new Date(event.time) : deps.clock.now();
    const plans = await readAll<PlanIndexEntry>(deps.views, { list: allPlansList() });
    const written: { community: string; days: string[] }[] = [];
    const today = now.toISOString().slice(0, 10);
    for (const community of [...new Set(plans.map((p) => p.community))]) {
      // The local timer runs every minute: a community already digested through yesterday costs one read.
      if (((await deps.digests.digestedThrough(community)) ?? '') >= dayBefore(today)) continue;
      const days = (await writeDigestsFromHistory(deps, community, today)).map((d) => d.day);
      if (days.length > 0) deps.logger?.info('digests written', { community, days });
      written.push({ community, days });
    }
    return { runAt: now.toISOString(), written };
  };
}
