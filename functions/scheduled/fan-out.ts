import { allPlansList, type PlanIndexEntry } from '../../domain/plan/plan.view.js';
import { reportsDueAt } from '../../domain/reports/period-selection.js';
import type {
  DigestUnit,
  RegistryPage,
  ReportUnit,
  UnitOutcome,
  WorkKind,
  WorkQueue,
} from '../app/scheduled-work.js';
import type { ViewStore } from '../app/view-store.js';

/** Plans read per page: one bounded Query and at most this many units per invocation. */
export const REGISTRY_PAGE_SIZE = 100;

/** What a schedule sends the scheduler function (`time` is `<aws.scheduler.scheduled-time>`). */
export interface ScheduledRunEvent {
  readonly work: WorkKind;
  readonly time: string;
}

/**
 * One page of the plans registry (every plan of every community, ordered by community): a unit for
 * each plan due a report at the run's instant, or for each community due its digests, and the next
 * page as a unit of its own. A community whose plans straddle two pages gets one digest unit: the
 * next page skips the community the last one ended with.
 */
export function createFanOut(deps: { views: ViewStore; queue: WorkQueue; pageSize?: number }) {
  return async (page: RegistryPage): Promise<UnitOutcome> => {
    const listed = await deps.views.list<PlanIndexEntry>({
      list: allPlansList(),
      limit: deps.pageSize ?? REGISTRY_PAGE_SIZE,
      cursor: page.cursor,
    });
    const plans = listed.items.filter((item) => !item.deleted).map((item) => item.data);
    const run = new Date(page.time);
    const units: (ReportUnit | DigestUnit)[] =
      page.work === 'reports'
        ? plans.flatMap((plan) =>
            reportsDueAt(run, plan.timeZone).map(
              (period): ReportUnit => ({ kind: 'report', time: page.time, ...pick(plan), period }),
            ),
          )
        : [...new Set(plans.map((plan) => plan.community))]
            .filter((community) => community !== page.after)
            .map((community): DigestUnit => ({ kind: 'digest', time: page.time, community }));
    const next = listed.nextCursor
      ? [{ ...page, cursor: listed.nextCursor, after: plans.at(-1)?.community ?? page.after }]
      : [];
    await deps.queue.enqueue([...units, ...next]);
    return { unit: page, outcome: 'paged', reason: `${units.length} units, ${next.length} next page` };
  };
}

const pick = (plan: PlanIndexEntry) => ({ community: plan.community, planId: plan.planId });

/** A schedule's run: its first page (the scheduler function reads it at once). */
export const firstPage = (event: ScheduledRunEvent): RegistryPage => ({
  kind: 'page',
  work: event.work,
  time: event.time,
});
