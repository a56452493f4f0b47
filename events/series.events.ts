import * as z from 'zod';
import { ActivityDescription } from './activity.events.js';
import type { EventOf } from './define.js';
import { defineEvent } from './define.js';
import { freeText, nameOfSomeoneUnrecorded } from './personal-data.js';
import { LocalDay, Window } from './shared.js';

/** `hh:mm`, a wall-clock time in the plan's time zone. */
const LocalTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/**
 * The rule as the organizer gave it, normalized: an RFC 5545 RRULE of the supported subset (weekly by
 * day, monthly by month day or by nth weekday, INTERVAL, UNTIL or COUNT) read in the plan's zone from
 * `start`, a local date-time without offset; `until` is a local date, included; `exceptions` are the
 * local dates the rule gives that the series skips (EXDATE).
 */
export const SeriesRecurrence = z.object({
  rrule: z.string(),
  start: z.string(),
  durationMinutes: z.number().int().positive(),
  until: LocalDay.optional(),
  count: z.number().int().positive().optional(),
  exceptions: z.array(LocalDay).optional(),
});
export type SeriesRecurrence = z.infer<typeof SeriesRecurrence>;

/**
 * One occurrence as the series directs it. `date` is the local date the rule gave it (its
 * RECURRENCE-ID, which never changes); its activity's id is derived from the series id and that date.
 */
export const SeriesOccurrence = z.object({ occurrenceId: z.string(), date: LocalDay, window: Window });
export type SeriesOccurrence = z.infer<typeof SeriesOccurrence>;

/** What a series edit changes, the calendar's vocabulary: time of day, duration, venue, lecturer. */
export const SeriesChange = z.object({
  startTime: LocalTimeOfDay.optional(),
  durationMinutes: z.number().int().positive().optional(),
  venue: z.string().optional(),
  lecturer: nameOfSomeoneUnrecorded('the lecturer, as the activity record names them').optional(),
});
export type SeriesChange = z.infer<typeof SeriesChange>;

/** `this` occurrence, this and the `following` ones (a split of the series), or `all` of them. */
export const SeriesScope = z.enum(['this', 'following', 'all']);
export type SeriesScope = z.infer<typeof SeriesScope>;

/** A series and every occurrence it plans, each to be written as an activity carrying `seriesId`. */
export const ActivitySeriesPlanned = defineEvent(
  'ActivitySeriesPlanned',
  z.object({
    seriesId: z.string(),
    planId: z.string(),
    planYear: z.number().int(),
    timeZone: z.string(),
    ...ActivityDescription.shape,
    recurrence: SeriesRecurrence,
    occurrences: z.array(SeriesOccurrence),
  }),
);

/**
 * An edit of the series in a scope; `following` splits the series at `occurrenceId` (the rule
 * changes from there on). `occurrences` are those it directs, with their window before and after:
 * each is rescheduled only while its activity is still planned where the series last put it.
 */
export const ActivitySeriesChanged = defineEvent(
  'ActivitySeriesChanged',
  z.object({
    scope: SeriesScope,
    occurrenceId: z.string().optional(),
    change: SeriesChange,
    reason: freeText(),
    occurrences: z.array(SeriesOccurrence.extend({ previousWindow: Window })),
  }),
);

/** A cancellation in a scope: the occurrences it cancels (held ones stay as they are). */
export const ActivitySeriesCancelled = defineEvent(
  'ActivitySeriesCancelled',
  z.object({
    scope: SeriesScope,
    occurrenceId: z.string().optional(),
    reason: freeText(),
    occurrenceIds: z.array(z.string()),
  }),
);

/** Every occurrence write the series' first `decisions` decisions direct has been made. */
export const ActivitySeriesOccurrencesWritten = defineEvent(
  'ActivitySeriesOccurrencesWritten',
  z.object({ decisions: z.number().int().positive() }),
);

export const seriesEvents = [
  ActivitySeriesPlanned,
  ActivitySeriesChanged,
  ActivitySeriesCancelled,
  ActivitySeriesOccurrencesWritten,
] as const;

export type SeriesEvent =
  | EventOf<typeof ActivitySeriesPlanned>
  | EventOf<typeof ActivitySeriesChanged>
  | EventOf<typeof ActivitySeriesCancelled>
  | EventOf<typeof ActivitySeriesOccurrencesWritten>;
