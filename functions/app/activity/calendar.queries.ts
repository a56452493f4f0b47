import {
  type ActivityDetail,
  type ActivityStatus,
  activitiesStartingBy,
  activityKey,
} from '../../../domain/activity/activity.view.js';
import { planYearsHolding, shortWindowsReaching } from '../../../domain/activity/activity-window.js';
import { type LongWindowActivity, longWindowsStartingBy } from '../../../domain/activity/long-window.view.js';
import { DEFAULT_TIME_ZONE, resolveInstant } from '../../../domain/shared/time.js';
import type { Category } from '../../../events/index.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import { readPlan } from '../plan/plans.queries.js';
import { passes, type ViewFilter, type ViewStore } from '../view-store.js';
import { comesAfter, encodeHead, headOf } from './calendar-cursor.js';

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
  if (!input.planId) return listIn(deps, actor, input, DEFAULT_TIME_ZONE, DEFAULT_TIME_ZONE);
  // The plan's zone reads its dates, but the plan and the list are read in one round trip: the list
  // as wide as the dates are in any zone, then cut to the plan's (a 404 for the plan still wins).
  const [plan, page] = await Promise.all([
    readPlan(deps, actor.community, input.planId),
    listIn(deps, actor, input, EARLIEST_ZONE, LATEST_ZONE),
  ]);
  const { timeZone } = plan.data;
  const from = input.from ? resolveInstant(input.from, timeZone, 'start').toISOString() : undefined;
  const to = input.to ? resolveInstant(input.to, timeZone, 'end').toISOString() : undefined;
  if (endsBeforeItStarts(from, to)) return NOTHING;
  const items = page.items.filter((i) => (!from || i.window.end >= from) && (!to || i.window.start < to));
  // Listed by start: past the plan's `to`, no later page can hold anything.
  const ended = to !== undefined && page.items.some((i) => i.window.start >= to);
  return { items, nextCursor: ended ? undefined : page.nextCursor };
}

/**
 * "2026-12-01".."2026-01-01" holds no instant, so no window overlaps it: an empty page (the list read
 * back from `from` would otherwise begin after `to`, a query the engine refuses).
 */
const endsBeforeItStarts = (from: string | undefined, to: string | undefined) =>
  from !== undefined && to !== undefined && Date.parse(to) < Date.parse(from);
const NOTHING: Page<CalendarEntry> = { items: [], nextCursor: undefined };

/** A day begins first at UTC+14 and ends last at UTC−12 (IANA's `Etc/GMT` signs are inverted). */
const EARLIEST_ZONE = 'Etc/GMT-14';
const LATEST_ZONE = 'Etc/GMT+12';

/** The calendar between `from` read in one zone and `to` in another. */
async function listIn(
  deps: CalendarQueryDeps,
  actor: Actor,
  input: CalendarInput,
  fromZone: string,
  toZone: string,
): Promise<Page<CalendarEntry>> {
  const from = input.from ? resolveInstant(input.from, fromZone, 'start').toISOString() : undefined;
  const to = input.to ? resolveInstant(input.to, toZone, 'end').toISOString() : undefined;
  if (endsBeforeItStarts(from, to)) return NOTHING;
  const where: ViewFilter[] = [];
  if (from) where.push({ field: ['data', 'window', 'end'], op: '>=', value: from });
  if (input.category) where.push({ field: ['data', 'category'], op: '=', value: input.category });
  if (input.status) where.push({ field: ['data', 'status'], op: '=', value: input.status });
  if (input.planId) where.push({ field: ['data', 'planId'], op: '=', value: input.planId });
  if (input.seriesId) where.push({ field: ['data', 'seriesId'], op: '=', value: input.seriesId });
  // Sorted by window start: anything starting after `to` cannot overlap. From `from`, the list is read
  // back only as far as a short window can last; a longer one reaching `from` from before is in its
  // plan year's list of long windows, read alongside (one round trip) while paging the head.
  const since = from && shortWindowsReaching(from);
  const slice = activitiesStartingBy(actor.community, to, since);
  const head = headOf(input.cursor);
  const overlapsTo = (i: CalendarEntry) => !to || i.window.start < to;
  if (!head) {
    const page = await deps.views.list<ActivityDetail>({
      ...slice,
      where,
      limit: input.limit,
      cursor: input.cursor,
    });
    return { items: entriesOf(page.items).filter(overlapsTo), nextCursor: page.nextCursor };
  }
  // The head: the long windows (a few, read whole each time) before the list by start.
  const [page, long] = await Promise.all([
    deps.views.list<ActivityDetail>({ ...slice, where, limit: input.limit }),
    since ? longWindowsBefore(deps, actor.community, from, since, where) : [],
  ]);
  const listed = entriesOf(page.items);
  const ids = new Set(listed.map((i) => i.activityId));
  const longLeft = long.filter((i) => !ids.has(i.activityId) && comesAfter(i, head));
  const longShown = longLeft.slice(0, input.limit);
  // A store that pages nothing (in memory) gives every entry at once.
  const listedShown = page.cursorAfter ? listed.slice(0, input.limit - longShown.length) : listed;
  // A page never holds more than `limit`: it resumes just after the last entry it shows.
  const afterLastLong = () => {
    const last = longShown.at(-1)!;
    return encodeHead({ after: [last.window.start, last.activityId] });
  };
  let nextCursor = page.nextCursor;
  if (longShown.length < longLeft.length) nextCursor = afterLastLong();
  else if (listedShown.length < listed.length)
    nextCursor = listedShown.length > 0 ? page.cursorAfter?.(listedShown.length - 1) : afterLastLong();
  return { items: [...longShown, ...listedShown].filter(overlapsTo), nextCursor };
}

const entriesOf = (items: readonly { data: ActivityDetail; appliedVersion: number }[]): CalendarEntry[] =>
  items.map((i) => ({ ...i.data, version: i.appliedVersion }));

/** A plan year holds a few long windows: read whole, never paged. */
const LONG_WINDOWS_READ = 1000;

/**
 * The long windows reaching `from` that start before `since` (the by-start list has the rest), by
 * start. Their lists hold what the filters need, not the entries: when any pass, the entries are read
 * in one more call (a rare second round trip; none when no long window reaches back before `since`).
 */
async function longWindowsBefore(
  deps: CalendarQueryDeps,
  community: string,
  from: string,
  since: string,
  where: readonly ViewFilter[],
): Promise<CalendarEntry[]> {
  const years = await Promise.all(
    planYearsHolding(from).map((year) =>
      deps.views.list<LongWindowActivity>({
        ...longWindowsStartingBy(community, year, since),
        // A stub keeps no status: that filter is the entries' alone.
        where: where.filter((w) => w.field.at(-1) !== 'status'),
        limit: LONG_WINDOWS_READ,
      }),
    ),
  );
  const before = Date.parse(since);
  const startsBefore = (i: { window: { start: string } }) => Date.parse(i.window.start) < before;
  const ids = years.flatMap((page) => page.items.map((i) => i.data)).filter(startsBefore);
  if (ids.length === 0) return [];
  const entries = await deps.views.getMany<ActivityDetail>(
    ids.map((i) => activityKey(community, i.activityId)),
  );
  // The projector writes a stub and its entry in parallel: the entry, newer, must pass the filters too.
  return entries
    .filter((entry) => passes(entry, where))
    .map(({ data, appliedVersion }) => ({ ...data, version: appliedVersion }))
    .filter((i) => startsBefore(i) && i.window.end >= from)
    .sort(byStart);
}

const byStart = (a: ActivityDetail, b: ActivityDetail) =>
  a.window.start < b.window.start
    ? -1
    : a.window.start > b.window.start
      ? 1
      : a.activityId < b.activityId
        ? -1
        : a.activityId > b.activityId
          ? 1
          : 0;
