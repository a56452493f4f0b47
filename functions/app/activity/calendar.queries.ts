import {
  type ActivityDetail,
  type ActivityStatus,
  activitiesStartingBy,
} from '../../../domain/activity/activity.view.js';
import { DEFAULT_TIME_ZONE, resolveInstant } from '../../../domain/shared/time.js';
import type { Category } from '../../../events/index.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import { readPlan } from '../plan/plans.queries.js';
import type { ViewFilter, ViewStore } from '../view-store.js';

export interface CalendarQueryDeps {
  readonly views: ViewStore;
}

/** Dates or date-times; a date (or a date-time without an offset) is read in the plan's time zone. */
export interface CalendarInput extends PageInput {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly category?: Category | undefined;
  readonly status?: ActivityStatus | undefined;
  readonly planId?: string | undefined;
  /** Only the occurrences of this recurring series. */
  readonly seriesId?: string | undefined;
}

export type CalendarEntry = ActivityDetail & { readonly version: number };

/** The calendar: activities whose window overlaps [from, to], by start (404 for a plan that is not there). */
export async function listActivities(
  deps: CalendarQueryDeps,
  actor: Actor,
  input: CalendarInput,
): Promise<Page<CalendarEntry>> {
  const timeZone = input.planId
    ? (await readPlan(deps, actor.community, input.planId)).data.timeZone
    : DEFAULT_TIME_ZONE;
  const from = input.from ? resolveInstant(input.from, timeZone, 'start').toISOString() : undefined;
  const to = input.to ? resolveInstant(input.to, timeZone, 'end').toISOString() : undefined;
  const where: ViewFilter[] = [];
  if (from) where.push({ field: ['data', 'window', 'end'], op: '>=', value: from });
  if (input.category) where.push({ field: ['data', 'category'], op: '=', value: input.category });
  if (input.status) where.push({ field: ['data', 'status'], op: '=', value: input.status });
  if (input.planId) where.push({ field: ['data', 'planId'], op: '=', value: input.planId });
  if (input.seriesId) where.push({ field: ['data', 'seriesId'], op: '=', value: input.seriesId });
  const page = await deps.views.list<ActivityDetail>({
    // Sorted by window start: anything starting after `to` cannot overlap.
    ...activitiesStartingBy(actor.community, to),
    where,
    limit: input.limit,
    cursor: input.cursor,
  });
  return {
    items: page.items
      .filter((i) => !to || i.data.window.start < to)
      .map((i) => ({ ...i.data, version: i.appliedVersion })),
    nextCursor: page.nextCursor,
  };
}
