/**
 * A series' occurrences from its recurrence rule, in the plan's time zone. rrule.js expands the rule
 * on "floating" wall-clock times (local readings written as UTC, where no day has 23 or 25 hours), so
 * "every month on the 31st at 19:00" stays 19:00 local whatever the zone's offsets do; each local
 * reading then becomes an instant with `zonedInstant`. (Its own TZID support reads zones through the
 * host's Intl and returns shifted Dates, which is what this avoids.) Months without the day are
 * skipped, as RFC 5545 says. The first occurrence is the first the rule gives on or after `start`.
 *
 * Bounds, decided here: every occurrence lies in the plan's year. A rule with neither UNTIL nor COUNT
 * ends with the year; an UNTIL or COUNT that reaches past it is refused (nothing is clipped silently).
 * Exceptions (EXDATE) are removed after COUNT, as in RFC 5545, and must name a date the rule gives.
 */
import type { SeriesRecurrence, Window } from '../../events/index.js';
import type { DomainError } from '../shared/errors.js';
import { localTime, zonedInstant } from '../shared/time.js';
import { parseRule, RRule, realDate, ruleUntil } from './rrule-subset.js';
import { MAX_OCCURRENCES, seriesErrors } from './series.errors.js';

export interface ExpandedOccurrence {
  /** The local date the rule gave (the occurrence's identity). */
  readonly date: string;
  readonly window: Window;
}

const LOCAL_START = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A floating reading as `yyyy-mm-dd`. */
const dateOf = (floating: Date) => floating.toISOString().slice(0, 10);

/** `yyyy-mm-ddThh:mm` (local, no offset) as a floating Date, or undefined. */
export function parseLocalStart(start: string): Date | undefined {
  const match = start.match(LOCAL_START);
  if (!match) return undefined;
  const [y, m, d, hh, mm] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (!realDate(y, m, d) || hh > 23 || mm > 59) return undefined;
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

/** The window of an occurrence on a local date, at a local time of day (`hh:mm`), lasting so many minutes. */
export function windowOn(date: string, time: string, durationMinutes: number, timeZone: string): Window {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const start = zonedInstant(y, m, d, timeZone, hh, mm);
  return {
    start: start.toISOString(),
    end: new Date(start.getTime() + durationMinutes * 60_000).toISOString(),
  };
}

/** The local time of day (`hh:mm`) a window starts at, and how many minutes it lasts. */
export function timingOf(window: Window, timeZone: string): { time: string; durationMinutes: number } {
  const t = localTime(new Date(window.start), timeZone);
  const durationMinutes = Math.round((Date.parse(window.end) - Date.parse(window.start)) / 60_000);
  return { time: `${pad(t.hour)}:${pad(t.minute)}`, durationMinutes };
}

export interface PlanYear {
  readonly year: number;
  readonly timeZone: string;
}

/** Every occurrence of the recurrence in the plan's year, in order, or the rule it breaks. */
export function expandRecurrence(
  recurrence: SeriesRecurrence,
  plan: PlanYear,
): ExpandedOccurrence[] | DomainError {
  const rule = parseRule(recurrence.rrule);
  if ('kind' in rule) return rule;
  const dtstart = parseLocalStart(recurrence.start);
  if (!dtstart)
    return seriesErrors.invalidRecurrence('start is a local date-time without offset: 2026-01-31T19:00');
  if (rule.until !== undefined && recurrence.until !== undefined)
    return seriesErrors.invalidRecurrence('give UNTIL once');
  if (rule.count !== undefined && recurrence.count !== undefined)
    return seriesErrors.invalidRecurrence('give COUNT once');
  const count = rule.count ?? recurrence.count;
  let until: Date | undefined;
  if (rule.until !== undefined) until = ruleUntil(rule.until, plan.timeZone);
  else if (recurrence.until !== undefined)
    until = ruleUntil(recurrence.until.replaceAll('-', ''), plan.timeZone);
  if ((rule.until !== undefined || recurrence.until !== undefined) && !until)
    return seriesErrors.invalidRecurrence(
      'UNTIL is a date (2026-12-31 or 20261231) or a date-time (20261231T235959Z)',
    );
  if (count !== undefined && until)
    return seriesErrors.invalidRecurrence('a rule has UNTIL or COUNT, not both');
  if (count !== undefined && count > MAX_OCCURRENCES) return seriesErrors.tooMany(`COUNT=${count}`);
  const yearEnd = new Date(Date.UTC(plan.year, 11, 31, 23, 59, 59));
  if (dtstart.getUTCFullYear() !== plan.year)
    return seriesErrors.outsidePlanYear(plan.year, `the series starts on ${dateOf(dtstart)}`);
  if (until && until > yearEnd)
    return seriesErrors.outsidePlanYear(plan.year, `UNTIL ${dateOf(until)} is after 31 December`);
  const readings = new RRule({
    freq: rule.freq,
    interval: rule.interval,
    dtstart,
    byweekday: rule.byweekday ?? null,
    bymonthday: rule.bymonthday ?? null,
    wkst: rule.wkst ?? null,
    count: count ?? null,
    until: count !== undefined ? null : (until ?? yearEnd),
  }).all((_, i) => i <= MAX_OCCURRENCES);
  if (readings.length > MAX_OCCURRENCES) return seriesErrors.tooMany(`more than ${MAX_OCCURRENCES}`);
  const last = readings.at(-1);
  if (last && last > yearEnd)
    return seriesErrors.outsidePlanYear(plan.year, `COUNT=${count} runs to ${dateOf(last)}`);
  const time = recurrence.start.slice(11, 16);
  const occurrences = readings.map((reading) => {
    const date = dateOf(reading);
    return { date, window: windowOn(date, time, recurrence.durationMinutes, plan.timeZone) };
  });
  const nextYear = zonedInstant(plan.year + 1, 1, 1, plan.timeZone).toISOString();
  const spilling = occurrences.find((o) => o.window.end >= nextYear);
  if (spilling)
    return seriesErrors.outsidePlanYear(plan.year, `the occurrence of ${spilling.date} ends after it`);
  const exceptions = new Set(recurrence.exceptions ?? []);
  for (const date of exceptions) {
    if (!occurrences.some((o) => o.date === date)) return seriesErrors.exceptionNotAnOccurrence(date);
  }
  const kept = occurrences.filter((o) => !exceptions.has(o.date));
  if (kept.length === 0) return seriesErrors.noOccurrences();
  return kept;
}

/** How long each occurrence lasts: given, or from its end time of day (the next day when it is earlier). */
export function durationOf(
  start: string,
  timing: { durationMinutes?: number; endTime?: string },
): number | DomainError {
  if ((timing.durationMinutes === undefined) === (timing.endTime === undefined))
    return seriesErrors.invalidRecurrence('give durationMinutes or endTime, one of them');
  if (timing.durationMinutes !== undefined) return timing.durationMinutes;
  const [eh, em] = timing.endTime!.split(':').map(Number) as [number, number];
  const [sh, sm] = start.slice(11, 16).split(':').map(Number) as [number, number];
  const minutes = (eh * 60 + em - (sh * 60 + sm) + 1440) % 1440;
  return minutes === 0 ? seriesErrors.invalidRecurrence('endTime must differ from the start time') : minutes;
}
