import * as z from 'zod';
import { AttendanceMethod, Category, type DomainEvent, Format, type Window } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import {
  type EventContext,
  type ListSlice,
  type PartitionSlice,
  type Projection,
  StoredWindow,
  type ViewDocument,
} from './projection.js';

export const ActivityStatus = z.enum(['planned', 'cancelled', 'held']);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

/** One activity as the calendar and its page show it: the plan's facts (without the plan year) and its counts. */
export const ActivityDetail = z.object({
  activityId: z.string(),
  planId: z.string(),
  category: Category,
  format: Format,
  title: z.string(),
  description: z.string().optional(),
  window: StoredWindow,
  timeZone: z.string(),
  venue: z.string().optional(),
  organizerUnit: z.string().optional(),
  partnerUnits: z.array(z.string()).optional(),
  audience: z.string().optional(),
  capacity: z.number().optional(),
  lecturer: z.string().optional(),
  seriesId: z.string().optional(),
  status: ActivityStatus,
  /** Residents holding a place now (cancelled places left out, promotions from the waitlist in). */
  registeredCount: z.number(),
  /** Residents waiting in line for a place. */
  waitlistedCount: z.number(),
  /** Registrations (places or places in line) cancelled before the activity opened. */
  registrationsCancelled: z.number(),
  attendanceCount: z.number(),
  plannedAt: z.string(),
  rescheduled: z.array(
    z.object({ from: StoredWindow, to: StoredWindow, reason: z.string(), at: z.string() }),
  ),
  /** Each change of venue or lecturer: the fields it set, why, when recorded (absent: never changed). */
  detailsChanged: z
    .array(
      z.object({
        venue: z.string().optional(),
        lecturer: z.string().optional(),
        reason: z.string(),
        at: z.string(),
      }),
    )
    .optional(),
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
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const AttendeeRow = z.object({
  residentId: z.string(),
  status: z.enum(['attended', 'revoked']),
  method: AttendanceMethod,
  at: z.string(),
  recordedAt: z.string(),
  revokedReason: z.string().optional(),
});
export type AttendeeRow = z.infer<typeof AttendeeRow>;

/** One resident's registration for one activity: a place, a place in line, or withdrawn. */
export const RegistrationRow = z.object({
  residentId: z.string(),
  status: z.enum(['registered', 'waitlisted', 'cancelled']),
  /** The stream version at which they joined the line: the line's order (earlier first). */
  line: z.number().optional(),
  registeredAt: z.string().optional(),
  waitlistedAt: z.string().optional(),
  promotedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  /** What they gave up when they cancelled. */
  cancelledFrom: z.enum(['registered', 'waitlisted']).optional(),
  cancelReason: z.string().optional(),
});
export type RegistrationRow = z.infer<typeof RegistrationRow>;

export const activityKey = (community: string, activityId: string) => ({
  pk: `${community}#activity#${activityId}`,
  sk: 'detail',
});
export const attendeeKey = (community: string, activityId: string, residentId: string) => ({
  pk: activityKey(community, activityId).pk,
  sk: `attendee#${residentId}`,
});
export const registrationKey = (community: string, activityId: string, residentId: string) => ({
  pk: activityKey(community, activityId).pk,
  sk: `registration#${residentId}`,
});
/** Every registration of the activity: places, the waitlist, the cancelled. */
export const registrationsOf = (community: string, activityId: string): PartitionSlice => ({
  pk: activityKey(community, activityId).pk,
  skPrefix: 'registration#',
});
/** The activity's sign-in sheet. */
export const attendeesOf = (community: string, activityId: string): PartitionSlice => ({
  pk: activityKey(community, activityId).pk,
  skPrefix: 'attendee#',
});
/** The calendar: every activity of the community, by the start of its window. */
export const activitiesList = (community: string) => `${community}#activities`;
/** The calendar up to an instant: activities starting at or before `to` (sort keys are `<start>#<id>`). */
export const activitiesStartingBy = (community: string, to?: string): ListSlice => ({
  list: activitiesList(community),
  ...(to === undefined ? {} : { to: `${to}#~` }),
});

const activityIdOf = (context: EventContext) => entityIdOf(context.streamId);

/** The calendar lists activities by the start of their window. */
const calendarPlacement = (context: EventContext, window: Window, activityId: string) => ({
  gsi1pk: activitiesList(context.community),
  gsi1sk: `${window.start}#${activityId}`,
});

/** One item per activity: what the calendar and the detail page show, with its counts. */
export const activityDetails: Projection<DomainEvent, ActivityDetail> = {
  name: 'activity-details',
  schema: ActivityDetail,
  keys(event, context) {
    switch (event.type) {
      case 'ActivityPlanned':
      case 'ActivityRescheduled':
      case 'ActivityDetailsChanged':
      case 'ActivityCancelled':
      case 'ActivityHeld':
      case 'ResidentRegistered':
      case 'ResidentWaitlisted':
      case 'RegistrationCancelled':
      case 'ResidentPromotedFromWaitlist':
      case 'ResidentAttended':
      case 'AttendanceRevoked':
        return [activityKey(context.community, activityIdOf(context))];
      default:
        return [];
    }
  },
  apply(current, event, context): ViewDocument<ActivityDetail> | null {
    if (event.type === 'ActivityPlanned') {
      const { planYear: _year, ...planned } = event.data;
      return {
        data: {
          ...planned,
          status: 'planned',
          registeredCount: 0,
          waitlistedCount: 0,
          registrationsCancelled: 0,
          attendanceCount: 0,
          plannedAt: context.recordedAt,
          rescheduled: [],
          cancelled: null,
          held: null,
        },
        ...calendarPlacement(context, event.data.window, event.data.activityId),
      };
    }
    if (!current) return null;
    const data = current.data;
    switch (event.type) {
      case 'ActivityRescheduled':
        return {
          data: {
            ...data,
            window: event.data.window,
            rescheduled: [
              ...data.rescheduled,
              {
                from: event.data.previousWindow,
                to: event.data.window,
                reason: event.data.reason,
                at: context.recordedAt,
              },
            ],
          },
          ...calendarPlacement(context, event.data.window, data.activityId),
        };
      case 'ActivityDetailsChanged': {
        const { venue, lecturer } = event.data;
        return {
          ...current,
          data: {
            ...data,
            ...(venue === undefined ? {} : { venue }),
            ...(lecturer === undefined ? {} : { lecturer }),
            detailsChanged: [...(data.detailsChanged ?? []), { ...event.data, at: context.recordedAt }],
          },
        };
      }
      case 'ActivityCancelled':
        return {
          ...current,
          data: {
            ...data,
            status: 'cancelled',
            cancelled: { reason: event.data.reason, at: context.recordedAt },
          },
        };
      case 'ActivityHeld':
        return {
          ...current,
          data: { ...data, status: 'held', held: { ...event.data, recordedAt: context.recordedAt } },
        };
      case 'ResidentRegistered':
        return { ...current, data: { ...data, registeredCount: data.registeredCount + 1 } };
      case 'ResidentWaitlisted':
        return { ...current, data: { ...data, waitlistedCount: data.waitlistedCount + 1 } };
      case 'ResidentPromotedFromWaitlist':
        return {
          ...current,
          data: {
            ...data,
            registeredCount: data.registeredCount + 1,
            waitlistedCount: data.waitlistedCount - 1,
          },
        };
      case 'RegistrationCancelled': {
        const place = event.data.was === 'registered' ? 'registeredCount' : 'waitlistedCount';
        return {
          ...current,
          data: {
            ...data,
            [place]: data[place] - 1,
            registrationsCancelled: data.registrationsCancelled + 1,
          },
        };
      }
      case 'ResidentAttended':
        return { ...current, data: { ...data, attendanceCount: data.attendanceCount + 1 } };
      case 'AttendanceRevoked':
        return { ...current, data: { ...data, attendanceCount: Math.max(0, data.attendanceCount - 1) } };
      default:
        return current;
    }
  },
};

/** The sign-in sheet: one row per resident who attended (kept, marked, when revoked). */
export const attendeeRows: Projection<DomainEvent, AttendeeRow> = {
  name: 'activity-attendees',
  schema: AttendeeRow,
  keys(event, context) {
    if (event.type === 'ResidentAttended' || event.type === 'AttendanceRevoked') {
      return [attendeeKey(context.community, activityIdOf(context), event.data.residentId)];
    }
    return [];
  },
  apply(current, event, context) {
    if (event.type === 'ResidentAttended') {
      return {
        data: {
          residentId: event.data.residentId,
          status: 'attended',
          method: event.data.method,
          at: event.data.at,
          recordedAt: context.recordedAt,
        },
      };
    }
    if (event.type === 'AttendanceRevoked' && current) {
      return { data: { ...current.data, status: 'revoked', revokedReason: event.data.reason } };
    }
    return current ?? null;
  },
};

/** One row per resident who ever registered for the activity: where they stand now, and when each step was recorded. */
export const registrationRows: Projection<DomainEvent, RegistrationRow> = {
  name: 'activity-registrations',
  schema: RegistrationRow,
  keys(event, context) {
    switch (event.type) {
      case 'ResidentRegistered':
      case 'ResidentWaitlisted':
      case 'RegistrationCancelled':
      case 'ResidentPromotedFromWaitlist':
        return [registrationKey(context.community, activityIdOf(context), event.data.residentId)];
      default:
        return [];
    }
  },
  apply(current, event, context) {
    // A registration after a cancellation starts the row again: the history keeps the earlier one.
    const at = context.recordedAt;
    switch (event.type) {
      case 'ResidentRegistered':
        return { data: { residentId: event.data.residentId, status: 'registered', registeredAt: at } };
      case 'ResidentWaitlisted':
        return {
          data: {
            residentId: event.data.residentId,
            status: 'waitlisted',
            line: context.streamVersion,
            waitlistedAt: at,
          },
        };
      case 'ResidentPromotedFromWaitlist': {
        const { line: _line, ...rest } = current?.data ?? { residentId: event.data.residentId };
        return { data: { ...rest, status: 'registered', registeredAt: at, promotedAt: at } };
      }
      case 'RegistrationCancelled': {
        const { line: _line, ...rest } = current?.data ?? { residentId: event.data.residentId };
        const reason = event.data.reason === undefined ? {} : { cancelReason: event.data.reason };
        return {
          data: { ...rest, status: 'cancelled', cancelledAt: at, cancelledFrom: event.data.was, ...reason },
        };
      }
      default:
        return current ?? null;
    }
  },
};
