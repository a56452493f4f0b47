import { isPeriod, zonedInstant } from '../shared/time.js';

/**
 * Day arithmetic for the equipment register and the instructors' sessions: a person says "inspected
 * on 3 March", so intervals count whole days in the venue's zone, and periods are ranges of days.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The day `days` after `day` (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** The first instant of a day in a zone. */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedInstant(y, m, d, timeZone);
}

/** The days a period (`2026`, `2026-Q3`, `2026-07`) spans, as inclusive `yyyy-mm-dd` bounds of a sorted range. */
export function daysOfPeriod(period: string): { readonly from: string; readonly to: string } {
  if (!isPeriod(period)) throw new RangeError(`not a period: ${period}`);
  const [year, part] = period.split('-') as [string, string | undefined];
  if (part === undefined) return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (part.startsWith('Q')) {
    const first = (Number(part.slice(1)) - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-31` };
  }
  return { from: `${year}-${part}-01`, to: `${year}-${part}-31` };
}

/** Whether a `yyyy-mm-dd` day lies in a period. */
export function dayInPeriod(day: string, period: string): boolean {
  const { from, to } = daysOfPeriod(period);
  return day >= from && day <= to;
}
