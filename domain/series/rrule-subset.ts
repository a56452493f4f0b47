/**
 * The RRULE subset a series takes (RFC 5545): FREQ=WEEKLY with plain BYDAY, FREQ=MONTHLY with
 * BYMONTHDAY or nth-weekday BYDAY (2TU, -1FR), INTERVAL, UNTIL, COUNT, WKST. Anything else is refused
 * by name rather than expanded into something the organizer did not mean.
 */
import * as rruleModule from 'rrule';
import type { DomainError } from '../shared/errors.js';
import { localTime } from '../shared/time.js';
import { seriesErrors } from './series.errors.js';

/**
 * rrule ships CommonJS flagged `__esModule`: Node's ESM loader shows its exports under `default`,
 * bundlers and CommonJS hosts at the top. Either way, the same module.
 */
const wrapped = Reflect.get(rruleModule, 'default') as typeof rruleModule | undefined;
const rrule: typeof rruleModule = wrapped?.RRule !== undefined ? wrapped : rruleModule;
export const { RRule, Frequency } = rrule;
type Weekday = rruleModule.Weekday;

const WEEKDAYS = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};
const ALLOWED = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'UNTIL', 'COUNT', 'WKST']);
const RULE_UNTIL = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

export function realDate(y: number, m: number, d: number): boolean {
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
}

export interface RuleParts {
  readonly freq: number;
  readonly interval: number;
  readonly byweekday?: Weekday[];
  readonly bymonthday?: number[];
  readonly wkst?: Weekday;
  readonly until?: string;
  readonly count?: number;
}

function parseWeekday(token: string, monthly: boolean): Weekday | DomainError {
  const match = token.match(/^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/);
  if (!match) return seriesErrors.unsupportedRule(`BYDAY ${token}`);
  const day = WEEKDAYS[match[2] as keyof typeof WEEKDAYS];
  if (match[1] === undefined) return day;
  const nth = Number(match[1]);
  if (!monthly) return seriesErrors.unsupportedRule(`BYDAY ${token}: a weekly rule names plain weekdays`);
  if (nth === 0 || Math.abs(nth) > 5) return seriesErrors.unsupportedRule(`BYDAY ${token}`);
  return day.nth(nth);
}

/** The rule's parts, refusing anything outside the subset (weekly/monthly, by day or month day). */
export function parseRule(text: string): RuleParts | DomainError {
  const parts = new Map<string, string>();
  for (const part of text
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter(Boolean)) {
    const [key, value, ...rest] = part.split('=');
    const name = (key ?? '').trim().toUpperCase();
    if (!value || rest.length > 0) return seriesErrors.unsupportedRule(part);
    if (!ALLOWED.has(name))
      return seriesErrors.unsupportedRule(
        `${name} (use FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL, COUNT, WKST)`,
      );
    if (parts.has(name)) return seriesErrors.unsupportedRule(`${name} given twice`);
    parts.set(name, value.trim().toUpperCase());
  }
  const freqName = parts.get('FREQ');
  if (freqName !== 'WEEKLY' && freqName !== 'MONTHLY')
    return seriesErrors.unsupportedRule(`FREQ=${freqName ?? '(missing)'}: WEEKLY or MONTHLY`);
  const monthly = freqName === 'MONTHLY';
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1 || interval > 99)
    return seriesErrors.unsupportedRule('INTERVAL 1 to 99');
  let byweekday: Weekday[] | undefined;
  if (parts.has('BYDAY')) {
    byweekday = [];
    for (const token of parts.get('BYDAY')!.split(',')) {
      const day = parseWeekday(token, monthly);
      if ('kind' in day) return day;
      byweekday.push(day);
    }
  }
  let bymonthday: number[] | undefined;
  if (parts.has('BYMONTHDAY')) {
    if (!monthly) return seriesErrors.unsupportedRule('BYMONTHDAY in a weekly rule');
    bymonthday = parts.get('BYMONTHDAY')!.split(',').map(Number);
    if (bymonthday.some((d) => !Number.isInteger(d) || d === 0 || Math.abs(d) > 31))
      return seriesErrors.unsupportedRule('BYMONTHDAY 1 to 31 or -31 to -1');
  }
  let wkst: Weekday | undefined;
  if (parts.has('WKST')) {
    wkst = WEEKDAYS[parts.get('WKST') as keyof typeof WEEKDAYS];
    if (!wkst) return seriesErrors.unsupportedRule(`WKST=${parts.get('WKST')}`);
  }
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : undefined;
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    return seriesErrors.unsupportedRule('COUNT');
  return {
    freq: monthly ? Frequency.MONTHLY : Frequency.WEEKLY,
    interval,
    ...(byweekday ? { byweekday } : {}),
    ...(bymonthday ? { bymonthday } : {}),
    ...(wkst ? { wkst } : {}),
    ...(parts.has('UNTIL') ? { until: parts.get('UNTIL')! } : {}),
    ...(count !== undefined ? { count } : {}),
  };
}

/** UNTIL as the rule writes it (a date, a local date-time, or a UTC one) as a floating reading. */
export function ruleUntil(value: string, timeZone: string): Date | undefined {
  const match = value.match(RULE_UNTIL);
  if (!match) return undefined;
  const [y, m, d] = match.slice(1, 4).map(Number) as [number, number, number];
  if (!realDate(y, m, d)) return undefined;
  if (match[4] === undefined) return new Date(Date.UTC(y, m - 1, d, 23, 59, 59));
  const [hh, mm, ss] = match.slice(4, 7).map(Number) as [number, number, number];
  const reading = Date.UTC(y, m - 1, d, hh, mm, ss);
  if (!match[7]) return new Date(reading);
  const t = localTime(new Date(reading), timeZone);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}
