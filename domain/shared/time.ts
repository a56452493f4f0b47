/**
 * Calendar arithmetic in a community's time zone, with the platform's Intl data and nothing else.
 * Months and quarters are counted in the plan's zone: an activity held at 23:30 on 31 March in
 * Asia/Shanghai belongs to Q1, although it is already 1 April nowhere else but in UTC+8's future.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(value: string): boolean {
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall-clock reading of an instant in a zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** The `yyyy-mm-dd` an instant falls on in a zone. */
export function localDate(instant: string | Date, timeZone: string): string {
  const t = localTime(new Date(instant), timeZone);
  return `${t.year}-${two(t.month)}-${two(t.day)}`;
}

/** The wall-clock reading of an instant in a zone, to the minute: `yyyy-mm-ddThh:mm`. */
export function localDateTime(instant: Date, timeZone: string): string {
  const t = localTime(instant, timeZone);
  return `${localDate(instant, timeZone)}T${two(t.hour)}:${two(t.minute)}`;
}

function offsetMs(instant: Date, timeZone: string): number {
  const t = localTime(instant, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall-clock time occurs in a zone (the earlier one when clocks fall back). */
export function zonedInstant(
  year: number,
  month: number,
  day: number,
  timeZone: string,
  hour = 0,
  minute = 0,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isDateOrDateTime(value: string): boolean {
  const date = value.match(DATE_ONLY);
  if (date) {
    const [, y, m, d] = date.map(Number) as [number, number, number, number];
    const check = new Date(Date.UTC(y, m - 1, d));
    return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
  }
  return DATE_TIME_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * A date alone means that day in the zone: as a `start` it is the day's first instant, as an `end`
 * its last millisecond (windows are inclusive, so "2026-06-01".."2026-06-01" is the whole day and
 * "2026-06-02".."2026-06-01" ends before it starts). A date-time carries its own offset.
 */
export function resolveInstant(value: string, timeZone: string, as: 'start' | 'end' = 'start'): Date {
  const date = value.match(DATE_ONLY);
  if (!date) return new Date(value);
  const [, y, m, d] = date.map(Number) as [number, number, number, number];
  if (as === 'start') return zonedInstant(y, m, d, timeZone);
  return new Date(zonedInstant(y, m, d + 1, timeZone).getTime() - 1);
}

export type PeriodKind = 'year' | 'quarter' | 'month';

/** `2026`, `2026-Q1` or `2026-03`: the period an instant falls in, counted in the zone. */
export function periodOf(instant: Date, timeZone: string, kind: PeriodKind): string {
  const t = localTime(instant, timeZone);
  if (kind === 'year') return String(t.year);
  if (kind === 'quarter') return `${t.year}-Q${Math.floor((t.month - 1) / 3) + 1}`;
  return `${t.year}-${String(t.month).padStart(2, '0')}`;
}

export interface PeriodBounds {
  readonly period: string;
  readonly kind: PeriodKind;
  /** First instant of the period. */
  readonly start: Date;
  /** First instant after the period. */
  readonly end: Date;
}

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** Whether an instant falls in a period (start inclusive, end exclusive). */
export const inPeriod = (at: string, period: PeriodBounds) => {
  const t = Date.parse(at);
  return t >= period.start.getTime() && t < period.end.getTime();
};

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

export function periodBounds(period: string, timeZone: string): PeriodBounds {
  const match = period.match(PERIOD);
  if (!match) throw new RangeError(`not a period: ${period}`);
  const year = Number(match[1]);
  if (match[2]) {
    const firstMonth = (Number(match[2]) - 1) * 3 + 1;
    return {
      period,
      kind: 'quarter',
      start: zonedInstant(year, firstMonth, 1, timeZone),
      end: zonedInstant(year, firstMonth + 3, 1, timeZone),
    };
  }
  if (match[3]) {
    const month = Number(match[3]);
    return {
      period,
      kind: 'month',
      start: zonedInstant(year, month, 1, timeZone),
      end: zonedInstant(year, month + 1, 1, timeZone),
    };
  }
  return {
    period,
    kind: 'year',
    start: zonedInstant(year, 1, 1, timeZone),
    end: zonedInstant(year + 1, 1, 1, timeZone),
  };
}

/** Every period of a kind in a year, in order. */
export function periodsOfYear(year: number, kind: PeriodKind): string[] {
  if (kind === 'year') return [String(year)];
  if (kind === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}
