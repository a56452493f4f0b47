import { localTime, type PeriodKind } from '../shared/time.js';

/**
 * The periods a scheduled run reports, given when it runs, in the plan's zone: on the 1st of a month
 * the month just ended; on the 1st of a quarter also that quarter; on 1 January also the year.
 * Any other day: nothing.
 */
export function periodsDueAt(now: Date, timeZone: string): string[] {
  const t = localTime(now, timeZone);
  if (t.day !== 1) return [];
  const year = t.month === 1 ? t.year - 1 : t.year;
  const month = t.month === 1 ? 12 : t.month - 1;
  const periods = [`${year}-${String(month).padStart(2, '0')}`];
  if ([1, 4, 7, 10].includes(t.month)) periods.push(`${year}-Q${Math.ceil(month / 3)}`);
  if (t.month === 1) periods.push(String(year));
  return periods;
}

/** Reports go out on the 1st, in the hour from 08:00 in the plan's zone. */
export const REPORT_HOUR = 8;

/**
 * The periods a plan is due at a scheduled run: those of `periodsDueAt` when the run falls in the
 * hour from 08:00 in the plan's zone. An hourly run (at :00 UTC) lands in that hour exactly once in
 * every zone, whole-, half- and quarter-hour offsets alike (at 08:00, 08:30 or 08:45 local): the
 * first run at or after 08:00, at most an hour late.
 */
export function reportsDueAt(run: Date, timeZone: string): string[] {
  return localTime(run, timeZone).hour === REPORT_HOUR ? periodsDueAt(run, timeZone) : [];
}

/** `2026-05` is a month, `2026-Q2` a quarter, `2026` a year. */
export function periodKind(period: string): PeriodKind {
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  return 'month';
}
