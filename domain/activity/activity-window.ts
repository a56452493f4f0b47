import type { Window } from '../../events/index.js';
import { zonedInstant } from '../shared/time.js';
import { activityErrors } from './activity.errors.js';

/** Why a window cannot be an activity's in a plan of `year` read in `timeZone` (undefined: it can). */
export function windowProblem(window: Window, year: number, timeZone: string) {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (end < start) return activityErrors.windowEndsBeforeStart();
  const yearStart = zonedInstant(year, 1, 1, timeZone).getTime();
  const yearEnd = zonedInstant(year + 1, 1, 1, timeZone).getTime();
  if (start < yearStart || end >= yearEnd) return activityErrors.windowOutsidePlanYear(year);
  return undefined;
}

const HOUR = 3_600_000;

/**
 * A window lasting longer than this is long: the calendar reads its list of activities by start only
 * from this much before `from`, so a window starting earlier and still reaching `from` must last
 * longer, and is found in the small list of its plan year's long windows instead.
 */
export const LONG_WINDOW_MS = 31 * 24 * HOUR;

export const isLongWindow = (window: Window): boolean =>
  Date.parse(window.end) - Date.parse(window.start) > LONG_WINDOW_MS;

/** Where the calendar's list by start begins for `from`: anything earlier reaching `from` is long. */
export const shortWindowsReaching = (from: string): string =>
  new Date(Date.parse(from) - LONG_WINDOW_MS).toISOString();

/**
 * The plan years a window holding `instant` can belong to: the year `instant` falls in somewhere
 * between UTC−12 and UTC+14 (a window lies within its plan's year in the plan's zone): one or two.
 */
export function planYearsHolding(instant: string): number[] {
  const at = Date.parse(instant);
  const first = new Date(at - 12 * HOUR).getUTCFullYear();
  const last = new Date(at + 14 * HOUR).getUTCFullYear();
  return first === last ? [first] : [first, last];
}

export const heldWithinWindow = (heldOn: string, window: Window, heldUntil?: string): boolean => {
  const from = Date.parse(heldOn);
  // A whole day meets the window if any instant of it does ([from, until) against [start, end]).
  const to = heldUntil ? Date.parse(heldUntil) - 1 : from;
  return to >= Date.parse(window.start) && from <= Date.parse(window.end);
};
