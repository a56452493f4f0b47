import * as z from 'zod';
import { ActivityStatus } from '../../../domain/activity/activity.view.js';
import { SeriesDetail, SeriesOccurrenceRow } from '../../../domain/series/series.view.js';
import { isDateOrDateTime } from '../../../domain/shared/time.js';
import { SeriesScope } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import { cancelSeries, changeSeries, planSeries } from '../command-cases.js';
import { getSeries } from '../query-cases.js';
import type { Route } from '../route.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, LocalDate, trimmed } from '../schemas.js';
import { commandAnswer } from '../use-case-answer.js';
import { activityFields, WindowBody } from './activities.js';

const LocalDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:00)?$/,
    'expected a local date-time without offset (2026-01-31T19:00)',
  )
  .refine((v) => isDateOrDateTime(v.slice(0, 10)), 'not a date')
  .meta({ examples: ['2026-01-31T19:00'] });
const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time of day (19:00)')
  .meta({ examples: ['19:00'] });

const Recurrence = z
  .object({
    rrule: trimmed(500)
      // An iCalendar property line ("RRULE:FREQ=…") is read as its value.
      .transform((rule) => rule.replace(/^RRULE:/i, ''))
      .describe(
        'RFC 5545 RRULE subset: FREQ=WEEKLY;BYDAY=MO,WE or FREQ=MONTHLY;BYMONTHDAY=31 or BYDAY=2TU; INTERVAL, UNTIL, COUNT (an `RRULE:` prefix is allowed)',
      ),
    start: LocalDateTime.optional().describe(
      "the first occurrence's local date-time, in the plan's time zone (or give the body's `window`)",
    ),
    durationMinutes: z.number().int().min(1).max(1440).optional().describe('or endTime'),
    endTime: TimeOfDay.optional().describe('local time each occurrence ends (or durationMinutes)'),
    until: LocalDate.optional().describe('last local date (included); or UNTIL in the rule'),
    count: z.number().int().min(1).max(366).optional().describe('how many occurrences; or COUNT in the rule'),
    exceptions: z
      .array(LocalDate)
      .max(366)
      .optional()
      .describe('local dates the rule gives that the series skips'),
  })
  .strict()
  .meta({ id: 'RecurrenceInput' });

const PlanSeriesBody = z
  .object({
    ...activityFields,
    recurrence: Recurrence,
    window: WindowBody.optional().describe(
      'the first occurrence, as POST /activities takes a window: its start and length stand for recurrence.start and the duration',
    ),
  })
  .strict()
  .refine((body) => body.recurrence.start !== undefined || body.window !== undefined, {
    message: "give recurrence.start or the first occurrence's window",
    path: ['recurrence', 'start'],
  })
  .meta({ id: 'PlanActivitySeries' });

const Scoped = {
  scope: SeriesScope.describe('this occurrence, this and the following ones, or all not yet held'),
  occurrenceId: Id.optional().describe('the occurrence (its activity id); required for this and following'),
  reason: trimmed(1000),
};
const RescheduleSeriesBody = z
  .object({
    ...Scoped,
    startTime: TimeOfDay.optional().describe('new local time of day'),
    durationMinutes: z.number().int().min(1).max(1440).optional(),
    venue: trimmed(200).optional(),
    lecturer: trimmed(200).optional(),
  })
  .strict()
  .meta({ id: 'RescheduleActivitySeries' });
const CancelSeriesBody = z.object(Scoped).strict().meta({ id: 'CancelActivitySeries' });
const SeriesParams = z.object({ seriesId: Id });

const OccurrenceAnswer = SeriesOccurrenceRow.extend({
  status: z
    .union([ActivityStatus, z.literal('pending')])
    .describe('pending: decided, not yet on the calendar'),
  registeredCount: z.number(),
  attendanceCount: z.number(),
}).meta({ id: 'SeriesOccurrence' });
const SeriesAnswer = SeriesDetail.extend({
  version: z.number().int(),
  occurrencesWritten: z.boolean().describe('every occurrence write the series decided has been made'),
  occurrences: z.array(OccurrenceAnswer),
}).meta({ id: 'ActivitySeries' });

export const seriesRoutes: readonly Route[] = [
  defineRoute({
    method: 'POST',
    path: '/activity-series',
    operationId: 'planActivitySeries',
    summary:
      "Plan a recurring series: each occurrence, in the plan's zone and year, is an activity carrying seriesId",
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    body: PlanSeriesBody,
    response: {
      status: 201,
      description: 'The series and its occurrences were planned',
      schema: CommandAnswer,
    },
    async handle(request, deps) {
      return commandAnswer(
        await planSeries(deps, request, { ...request.body, seriesId: request.ids.next() }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activity-series/{seriesId}/reschedule',
    operationId: 'rescheduleActivitySeries',
    summary:
      'Change time of day, duration, venue or lecturer of this, this and following, or all occurrences',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    params: SeriesParams,
    body: RescheduleSeriesBody,
    response: { status: 201, description: 'The series was changed', schema: CommandAnswer },
    async handle(request, deps) {
      const { scope, occurrenceId, reason, ...change } = request.body;
      return commandAnswer(
        await changeSeries(deps, request, {
          seriesId: request.params.seriesId,
          scope,
          occurrenceId,
          reason,
          change,
        }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activity-series/{seriesId}/cancel',
    operationId: 'cancelActivitySeries',
    summary: 'Cancel this, this and following, or all occurrences (held ones stay held)',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    params: SeriesParams,
    body: CancelSeriesBody,
    response: { status: 201, description: 'The occurrences were cancelled', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await cancelSeries(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/activity-series/{seriesId}',
    operationId: 'getActivitySeries',
    summary: 'A series: its rule, its scoped edits, and each occurrence with its status',
    tag: 'Activities',
    kind: 'query',
    roles: [...roleSets.everyone],
    params: SeriesParams,
    response: { status: 200, description: 'The series', schema: SeriesAnswer },
    async handle({ params, principal }, deps) {
      const series = await getSeries(deps, principal, params);
      return { status: 200, body: series, headers: { etag: `"${series.version}"` } };
    },
  }),
];
