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

/** `2026-05` is a month, `2026-Q2` a quarter, `2026` a year. */
export function periodKind(period: string): PeriodKind {
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  return 'month';
}
