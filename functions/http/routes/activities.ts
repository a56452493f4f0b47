import * as z from 'zod';
import {
  type ActivityCommand,
  activityDecider,
  activitySnapshots,
} from '../../../domain/activity/activity.decider.js';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import type { DomainError } from '../../../domain/shared/errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { DEFAULT_TIME_ZONE, resolveInstant } from '../../../domain/shared/time.js';
import { type ActivityDetail, type AttendeeRow, activityKey } from '../../../domain/views/activity.view.js';
import { AttendanceMethod, Category, Format } from '../../../events/index.js';
import { assertActsFor, isStaff, roleSets } from '../../app/authorization.js';
import { appErrors } from '../../app/errors.js';
import { readPartition } from '../../app/read-all.js';
import type { ViewFilter } from '../../app/view-store.js';
import { executeOn } from '../command-response.js';
import type { HttpDependencies } from '../dependencies.js';
import { defineRoute, type RouteRequest } from '../route.js';
import { CommandAnswer, DateOrDateTime, Id, ListQuery, listOf, trimmed } from '../schemas.js';
import { readPlan } from './plans.js';

const WindowBody = z
  .object({ start: DateOrDateTime, end: DateOrDateTime })
  .strict()
  .meta({ id: 'WindowInput' });

export const PlanActivityBody = z
  .object({
    planId: Id,
    category: Category,
    format: Format,
    title: trimmed(200),
    description: trimmed(4000).optional(),
    window: WindowBody,
    venue: trimmed(200).optional(),
    organizerUnit: trimmed(200).optional(),
    partnerUnits: z.array(trimmed(200)).max(20).optional(),
    audience: trimmed(200).optional(),
    capacity: z.number().int().min(1).max(100_000).optional(),
    lecturer: trimmed(200).optional(),
  })
  .strict()
  .meta({ id: 'PlanActivity' });

const Reason = z.object({ reason: trimmed(1000) }).strict();
const RescheduleBody = z
  .object({ window: WindowBody, reason: trimmed(1000) })
  .strict()
  .meta({ id: 'RescheduleActivity' });
const ResidentBody = z.object({ residentId: Id }).strict();
const AttendanceBody = z
  .object({ residentId: Id, method: AttendanceMethod, at: DateOrDateTime.optional() })
  .strict()
  .meta({ id: 'RecordAttendance' });
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

const ActivityParams = z.object({ activityId: Id });
const AttendeeParams = z.object({ activityId: Id, residentId: Id });

const WindowView = z.object({ start: z.string(), end: z.string() });
const Attendee = z.object({
  residentId: z.string(),
  status: z.enum(['attended', 'revoked']),
  method: AttendanceMethod,
  at: z.string(),
  recordedAt: z.string(),
  revokedReason: z.string().optional(),
});

export const Activity = z
  .object({
    activityId: z.string(),
    planId: z.string(),
    category: Category,
    format: Format,
    title: z.string(),
    description: z.string().optional(),
    window: WindowView,
    timeZone: z.string(),
    venue: z.string().optional(),
    organizerUnit: z.string().optional(),
    partnerUnits: z.array(z.string()).optional(),
    audience: z.string().optional(),
    capacity: z.number().optional(),
    lecturer: z.string().optional(),
    status: z.enum(['planned', 'cancelled', 'held']),
    registeredCount: z.number(),
    attendanceCount: z.number(),
    plannedAt: z.string(),
    rescheduled: z.array(z.object({ from: WindowView, to: WindowView, reason: z.string(), at: z.string() })),
    cancelled: z.object({ reason: z.string(), at: z.string() }).nullable(),
    held: z
      .object({
        heldOn: z.string(),
        summary: z.string(),
        lecturer: z.string().optional(),
        trainingPlan: z.string().optional(),
        headcount: z.number().optional(),
        heldWithinWindow: z.boolean(),
        recordedAt: z.string(),
      })
      .nullable(),
    version: z.number().int(),
    attendees: z.array(Attendee).optional().describe('organizers and admins only'),
  })
  .meta({ id: 'Activity' });

const CalendarQuery = ListQuery.extend({
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional(),
  category: Category.optional(),
  status: z.enum(['planned', 'cancelled', 'held']).optional(),
  planId: Id.optional(),
});

type AnyRequest = RouteRequest<unknown, unknown, unknown>;

async function residentOnRoster(
  deps: HttpDependencies,
  community: string,
  residentId: string,
): Promise<boolean> {
  const loaded = await deps.commands.load(residentDecider, streamIdOf(community, 'resident', residentId));
  return loaded.state.status === 'enrolled';
}

/** Runs a command on one activity's stream (loaded from its snapshot when it is long). */
function onActivity(
  request: AnyRequest,
  deps: HttpDependencies,
  activityId: string,
  command:
    | ActivityCommand
    | ((state: Parameters<typeof activityDecider.decide>[1]) => ActivityCommand | DomainError),
) {
  return executeOn(
    request,
    deps.commands,
    { decider: activityDecider, kind: 'activity', id: activityId, snapshots: activitySnapshots },
    command,
  );
}

const zoneOf = (state: Parameters<typeof activityDecider.decide>[1]) =>
  state.status === 'none' ? DEFAULT_TIME_ZONE : state.timeZone;

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
      const { body, principal } = request;
      const plan = await deps.commands.load(
        planDecider,
        streamIdOf(principal.community, 'plan', body.planId),
      );
      const facts =
        plan.state.status === 'active'
          ? { planId: body.planId, year: plan.state.year, timeZone: plan.state.timeZone }
          : undefined;
      const timeZone = facts?.timeZone ?? DEFAULT_TIME_ZONE;
      const activityId = request.ids.next();
      return onActivity(request, deps, activityId, {
        ...body,
        type: 'PlanActivity',
        activityId,
        plan: facts,
        window: {
          start: resolveInstant(body.window.start, timeZone, 'start').toISOString(),
          end: resolveInstant(body.window.end, timeZone, 'end').toISOString(),
        },
      });
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
      const { params, body } = request;
      return onActivity(request, deps, params.activityId, (state) => ({
        type: 'RescheduleActivity',
        activityId: params.activityId,
        reason: body.reason,
        window: {
          start: resolveInstant(body.window.start, zoneOf(state), 'start').toISOString(),
          end: resolveInstant(body.window.end, zoneOf(state), 'end').toISOString(),
        },
      }));
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
      return onActivity(request, deps, request.params.activityId, {
        type: 'CancelActivity',
        activityId: request.params.activityId,
        reason: request.body.reason,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/registrations',
    operationId: 'registerResident',
    summary: 'Register a resident (capacity is never exceeded; a resident registers themselves)',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: ActivityParams,
    body: ResidentBody,
    response: { status: 201, description: 'The resident was registered', schema: CommandAnswer },
    async handle(request, deps) {
      const { params, body, principal } = request;
      assertActsFor(principal, body.residentId, 'a resident may register or sign in only themselves');
      const residentKnown = await residentOnRoster(deps, principal.community, body.residentId);
      return onActivity(request, deps, params.activityId, {
        type: 'RegisterResident',
        activityId: params.activityId,
        residentId: body.residentId,
        residentKnown,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/attendance',
    operationId: 'recordAttendance',
    summary: 'Record that a resident attended (event ResidentAttended; once per resident)',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: ActivityParams,
    body: AttendanceBody,
    response: { status: 201, description: 'The attendance was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      const { params, body, principal } = request;
      assertActsFor(principal, body.residentId, 'a resident may register or sign in only themselves');
      const residentKnown = await residentOnRoster(deps, principal.community, body.residentId);
      const now = deps.clock.now();
      return onActivity(request, deps, params.activityId, (state) => ({
        type: 'RecordAttendance',
        activityId: params.activityId,
        residentId: body.residentId,
        residentKnown,
        method: body.method,
        at: body.at ? resolveInstant(body.at, zoneOf(state), 'start').toISOString() : now.toISOString(),
      }));
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
      const { params, body } = request;
      return onActivity(request, deps, params.activityId, {
        type: 'RevokeAttendance',
        activityId: params.activityId,
        residentId: params.residentId,
        reason: body.reason,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/held',
    operationId: 'recordHeld',
    summary: 'Record that the activity was held: when, summary, lecturer, training plan, headcount',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.staff],
    params: ActivityParams,
    body: HeldBody,
    response: { status: 201, description: 'The activity was recorded as held', schema: CommandAnswer },
    async handle(request, deps) {
      const { params, body } = request;
      return onActivity(request, deps, params.activityId, (state) => ({
        ...body,
        type: 'RecordHeld',
        activityId: params.activityId,
        heldOn: resolveInstant(body.heldOn, zoneOf(state), 'start').toISOString(),
      }));
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
      const timeZone = query.planId
        ? (await readPlan(deps, principal.community, query.planId)).data.timeZone
        : DEFAULT_TIME_ZONE;
      const from = query.from ? resolveInstant(query.from, timeZone, 'start').toISOString() : undefined;
      const to = query.to ? resolveInstant(query.to, timeZone, 'end').toISOString() : undefined;
      const where: ViewFilter[] = [];
      if (from) where.push({ field: ['data', 'window', 'end'], op: '>=', value: from });
      if (query.category) where.push({ field: ['data', 'category'], op: '=', value: query.category });
      if (query.status) where.push({ field: ['data', 'status'], op: '=', value: query.status });
      if (query.planId) where.push({ field: ['data', 'planId'], op: '=', value: query.planId });
      const page = await deps.views.list<ActivityDetail>({
        list: `${principal.community}#activities`,
        // Sorted by window start: anything starting after `to` cannot overlap (sort keys are `<start>#<id>`).
        to: to ? `${to}#~` : undefined,
        where,
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          items: page.items
            .filter((i) => !to || i.data.window.start < to)
            .map((i) => ({ ...i.data, version: i.appliedVersion })),
          nextCursor: page.nextCursor ?? null,
        },
      };
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
      const key = activityKey(principal.community, params.activityId);
      const item = await deps.views.get<ActivityDetail>(key);
      if (!item || item.deleted) throw appErrors.notFound(`activity ${params.activityId}`);
      const body: Record<string, unknown> = { ...item.data, version: item.appliedVersion };
      if (isStaff(principal)) {
        body.attendees = await readPartition<AttendeeRow>(deps.views, key.pk, 'attendee#');
      }
      return { status: 200, body, headers: { etag: `"${item.appliedVersion}"` } };
    },
  }),
];
