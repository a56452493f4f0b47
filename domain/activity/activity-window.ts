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
 * The earliest start an activity whose window reaches `instant` (ends at or after it) can have: a
 * window lies within its plan's year in the plan's zone (`windowProblem`), and zones run from UTC−12
 * to UTC+14, so it starts no earlier than the year `instant` falls in somewhere began anywhere. The
 * calendar reads from there on, not through every earlier year.
 */
export function earliestStartReaching(instant: string): string {
  const year = new Date(Date.parse(instant) - 12 * HOUR).getUTCFullYear();
  return new Date(Date.UTC(year, 0, 1) - 14 * HOUR).toISOString();
}

export const heldWithinWindow = (heldOn: string, window: Window, heldUntil?: string): boolean => {
  const from = Date.parse(heldOn);
  // A whole day meets the window if any instant of it does ([from, until) against [start, end]).
  const to = heldUntil ? Date.parse(heldUntil) - 1 : from;
  return to >= Date.parse(window.start) && from <= Date.parse(window.end);
};
