import * as z from 'zod';
import { type ActivityDescription, Category, Format } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import {
  cancelActivity,
  changeActivityDetails,
  planActivity,
  recordAttendance,
  recordHeld,
  rescheduleActivity,
  revokeAttendance,
} from '../command-cases.js';
import { getActivity, listActivities } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, DateOrDateTime, Id, ListQuery, listOf, trimmed } from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';
import { Activity } from './activity-answer.js';
import { AttendanceBody } from './check-in.js';

export const WindowBody = z
  .object({ start: DateOrDateTime, end: DateOrDateTime })
  .strict()
  .meta({ id: 'WindowInput' });

/**
 * What an activity is, as planned (one activity, or every occurrence of a series), as a request gives
 * it: each field of the events' `ActivityDescription`, bounded for input. `satisfies` keeps the two in
 * step: a field described once there does not compile here until it is bounded.
 */
export const activityFields = {
  planId: Id,
  category: Category,
  format: Format,
  title: trimmed(200),
  description: trimmed(4000).optional(),
  venue: trimmed(200).optional(),
  organizerUnit: trimmed(200).optional(),
  partnerUnits: z.array(trimmed(200)).max(20).optional(),
  audience: trimmed(200).optional(),
  capacity: z.number().int().min(1).max(100_000).optional(),
  lecturer: trimmed(200).optional(),
} satisfies Record<'planId' | keyof ActivityDescription, z.ZodType>;

export const PlanActivityBody = z
  .object({ ...activityFields, window: WindowBody })
  .strict()
  .meta({ id: 'PlanActivity' });

const Reason = z.object({ reason: trimmed(1000) }).strict();
const RescheduleBody = z
  .object({ window: WindowBody, reason: trimmed(1000) })
  .strict()
  .meta({ id: 'RescheduleActivity' });
const DetailsBody = z
  .object({ venue: trimmed(200).optional(), lecturer: trimmed(200).optional(), reason: trimmed(1000) })
  .strict()
  .refine((b) => b.venue !== undefined || b.lecturer !== undefined, {
    message: 'give a venue, a lecturer or both',
    path: ['venue'],
  })
  .meta({ id: 'ChangeActivityDetails' });
const _ResidentBody = z.object({ residentId: Id }).strict();
const HeldBody = z
  .object({
    heldOn: DateOrDateTime,
    summary: trimmed(8000),
    lecturer: trimmed(200).optional(),
    trainingPlan: trimmed(8000).optional(),
    headcount: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict()
  .meta({ id: 'RecordHeld' });

export const ActivityParams = z.object({ activityId: Id });
export const AttendeeParams = z.object({ activityId: Id, residentId: Id });

const CalendarQuery = ListQuery.extend({
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional(),
  category: Category.optional(),
  status: z.enum(['planned', 'cancelled', 'held']).optional(),
  planId: Id.optional(),
  seriesId: Id.optional().describe("a recurring series' occurrences"),
});

export const activityRoutes = [
  defineRoute({
    method: 'POST',
    path: '/activities',
    operationId: 'planActivity',
    summary: 'Plan an activity of the plan, in its category and window',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    body: PlanActivityBody,
    response: { status: 201, description: 'The activity was planned', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await planActivity(deps, request, { ...request.body, activityId: request.ids.next() }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/reschedule',
    operationId: 'rescheduleActivity',
    summary: 'Move an activity to another window',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    params: ActivityParams,
    body: RescheduleBody,
    response: { status: 201, description: 'The activity was rescheduled', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await rescheduleActivity(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/details',
    operationId: 'changeActivityDetails',
    summary: 'Change the venue or lecturer of an activity not yet held',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    params: ActivityParams,
    body: DetailsBody,
    response: { status: 201, description: 'The details were changed', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await changeActivityDetails(deps, request, { ...request.params, ...request.body }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/cancel',
    operationId: 'cancelActivity',
    summary: 'Cancel an activity',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    params: ActivityParams,
    body: Reason,
    response: { status: 201, description: 'The activity was cancelled', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await cancelActivity(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/attendance',
    operationId: 'recordAttendance',
    summary:
      "Record that a resident attended (event ResidentAttended; once per resident), from the plan's margin before the window opens until as long after it ends",
    tag: 'Activities',
    kind: 'command',
    besideClaim: true,
    roles: [...roleSets.residentsAndStaff],
    params: ActivityParams,
    body: AttendanceBody,
    response: { status: 201, description: 'The attendance was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await recordAttendance(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/attendance/{residentId}/revoke',
    operationId: 'revokeAttendance',
    summary: 'Revoke a recorded attendance (it can be recorded again later)',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    params: AttendeeParams,
    body: Reason,
    response: { status: 201, description: 'The attendance was revoked', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await revokeAttendance(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/held',
    operationId: 'recordHeld',
    summary: 'Record that the activity was held: when, summary, lecturer, training plan, headcount',
    tag: 'Activities',
    kind: 'command',
    besideClaim: true,
    roles: [...roleSets.staff],
    params: ActivityParams,
    body: HeldBody,
    response: { status: 201, description: 'The activity was recorded as held', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await recordHeld(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/activities',
    operationId: 'listActivities',
    summary: 'The calendar: activities whose window overlaps [from, to], by start',
    tag: 'Activities',
    kind: 'query',
    roles: [...roleSets.everyone],
    query: CalendarQuery,
    response: { status: 200, description: 'A page of activities', schema: listOf(Activity) },
    async handle({ query, principal }, deps) {
      return pageAnswer(await listActivities(deps, principal, query));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/activities/{activityId}',
    operationId: 'getActivity',
    summary: 'An activity with its counts and, for organizers, the attendee list',
    tag: 'Activities',
    kind: 'query',
    roles: [...roleSets.everyone],
    params: ActivityParams,
    response: { status: 200, description: 'The activity', schema: Activity },
    async handle({ params, principal }, deps) {
      const activity = await getActivity(deps, principal, params);
      return { status: 200, body: activity, headers: { etag: `"${activity.version}"` } };
    },
  }),
];
