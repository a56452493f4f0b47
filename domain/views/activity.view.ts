import type { Category, DomainEvent, Format, Window } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, Projection, ViewDocument } from './projection.js';

export type ActivityStatus = 'planned' | 'cancelled' | 'held';

export type ActivityDetail = {
  activityId: string;
  planId: string;
  category: Category;
  format: Format;
  title: string;
  description?: string;
  window: Window;
  timeZone: string;
  venue?: string;
  organizerUnit?: string;
  partnerUnits?: string[];
  audience?: string;
  capacity?: number;
  lecturer?: string;
  status: ActivityStatus;
  registeredCount: number;
  attendanceCount: number;
  plannedAt: string;
  rescheduled: { from: Window; to: Window; reason: string; at: string }[];
  cancelled: { reason: string; at: string } | null;
  held: {
    heldOn: string;
    summary: string;
    lecturer?: string;
    trainingPlan?: string;
    headcount?: number;
    heldWithinWindow: boolean;
    recordedAt: string;
  } | null;
};

export type AttendeeRow = {
  residentId: string;
  status: 'attended' | 'revoked';
  method: 'qr' | 'kiosk' | 'organizer';
  at: string;
  recordedAt: string;
  revokedReason?: string;
};

export type ParticipationRow = {
  activityId: string;
  registered: boolean;
  attended: boolean;
  attendedAt?: string;
  method?: 'qr' | 'kiosk' | 'organizer';
  revokedReason?: string;
};

export const activityKey = (community: string, activityId: string) => ({
  pk: `${community}#activity#${activityId}`,
  sk: 'detail',
});
export const attendeeKey = (community: string, activityId: string, residentId: string) => ({
  pk: `${community}#activity#${activityId}`,
  sk: `attendee#${residentId}`,
});
export const participationKey = (community: string, residentId: string, activityId: string) => ({
  pk: `${community}#resident#${residentId}`,
  sk: `activity#${activityId}`,
});

const activityIdOf = (context: EventContext) => entityIdOf(context.streamId);

/** The calendar lists activities by the start of their window. */
const calendarPlacement = (context: EventContext, window: Window, activityId: string) => ({
  gsi1pk: `${context.community}#activities`,
  gsi1sk: `${window.start}#${activityId}`,
});

/** One item per activity: what the calendar and the detail page show, with its counts. */
export const activityDetails: Projection<DomainEvent, ActivityDetail> = {
  name: 'activity-details',
  keys(event, context) {
    switch (event.type) {
      case 'ActivityPlanned':
      case 'ActivityRescheduled':
      case 'ActivityCancelled':
      case 'ActivityHeld':
      case 'ResidentRegistered':
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

/** Per resident, per activity: registered, attended. The participation page joins it with activity details. */
export const participationRows: Projection<DomainEvent, ParticipationRow> = {
  name: 'resident-participation',
  keys(event, context) {
    if (
      event.type === 'ResidentRegistered' ||
      event.type === 'ResidentAttended' ||
      event.type === 'AttendanceRevoked'
    ) {
      return [participationKey(context.community, event.data.residentId, activityIdOf(context))];
    }
    return [];
  },
  apply(current, event, context) {
    const base: ParticipationRow = current?.data ?? {
      activityId: activityIdOf(context),
      registered: false,
      attended: false,
    };
    switch (event.type) {
      case 'ResidentRegistered':
        return { data: { ...base, registered: true } };
      case 'ResidentAttended': {
        const { revokedReason: _cleared, ...rest } = base;
        return { data: { ...rest, attended: true, attendedAt: event.data.at, method: event.data.method } };
      }
      case 'AttendanceRevoked':
        return { data: { ...base, attended: false, revokedReason: event.data.reason } };
      default:
        return current ?? null;
    }
  },
};
