import { describe, expect, it } from 'vitest';
import {
  isLongWindow,
  planYearsHolding,
  shortWindowsReaching,
  windowProblem,
} from '../../../domain/activity/activity-window.js';
import { zonedInstant } from '../../../domain/shared/time.js';

/** The plan-year windows that reach furthest: a whole year in the zones at either end of the clock. */
const wholeYears = (year: number) =>
  ['Pacific/Kiritimati', 'Etc/GMT+12', 'UTC', 'Asia/Shanghai'].map((zone) => ({
    zone,
    window: {
      start: zonedInstant(year, 1, 1, zone).toISOString(),
      end: new Date(zonedInstant(year + 1, 1, 1, zone).getTime() - 1).toISOString(),
    },
  }));

describe('what the calendar reads by start, and what it finds among the long windows', () => {
  const instants = ['2026-01-01T00:00:00.000Z', '2026-01-01T12:00:00.000Z', '2026-03-01T00:00:00.000Z'];

  it.each(instants)(
    'a plan window reaching %s from before the list by start is long, of a year read',
    (instant) => {
      for (const year of [2025, 2026]) {
        for (const { zone, window } of wholeYears(year)) {
          // Every window a plan allows within this one: its start and end moved to any day inside.
          for (const days of [0, 20, 40, 200]) {
            const start = new Date(Date.parse(window.start) + days * 86_400_000).toISOString();
            const shorter = { start, end: window.end };
            expect(windowProblem(shorter, year, zone)).toBeUndefined();
            if (shorter.end >= instant && shorter.start < shortWindowsReaching(instant)) {
              expect(isLongWindow(shorter)).toBe(true);
              expect(planYearsHolding(instant)).toContain(year);
            }
          }
        }
      }
    },
  );

  it('a month back; one plan year, or two where the instant is in two years around the world', () => {
    expect(shortWindowsReaching('2026-03-01T00:00:00.000Z')).toBe('2026-01-29T00:00:00.000Z');
    expect(planYearsHolding('2026-03-01T00:00:00.000Z')).toEqual([2026]);
    expect(planYearsHolding('2025-12-31T16:00:00.000Z')).toEqual([2025, 2026]);
    expect(isLongWindow({ start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z' })).toBe(false);
    expect(isLongWindow({ start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.001Z' })).toBe(true);
  });
});
