import * as z from 'zod';
import { ActivityDescription, type DomainEvent, type Window } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import {
  type EventContext,
  type ListSlice,
  type Projection,
  StoredWindow,
  type ViewDocument,
} from '../shared/projection.js';
import { checkInBounds, DEFAULT_CHECK_IN_MARGIN_MINUTES } from './check-in.js';
import { registrationCounts } from './registration-counts.js';

export const ActivityStatus = z.enum(['planned', 'cancelled', 'held']);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

/** One activity as the calendar and its page show it: the plan's facts (without the plan year) and its counts. */
export const ActivityDetail = z.object({
  activityId: z.string(),
  planId: z.string(),
  ...ActivityDescription.shape,
  window: StoredWindow,
  timeZone: z.string(),
  seriesId: z.string().optional(),
  /** The plan's check-in margin when the activity was planned, in minutes. */
  checkInMarginMinutes: z.number().optional(),
  /** From when until when a check-in is accepted: the window widened by the margin on both sides. */
  checkIn: z.object({ opens: z.string(), closes: z.string() }).optional(),
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

export const activityKey = (community: string, activityId: string) => ({
  community,
  view: 'activity',
  id: [activityId],
});
/** The calendar: every activity of the community, by the start of its window. */
export const activitiesList = (community: string) => ({ community, list: 'activities' });
/**
 * The calendar up to an instant: activities starting at or before `to` (ordered by start, then id),
 * and at or after `from` when given.
 */
export const activitiesStartingBy = (community: string, to?: string, from?: string): ListSlice => ({
  list: activitiesList(community),
  ...(from === undefined ? {} : { from }),
  ...(to === undefined ? {} : { to }),
});

const activityIdOf = (context: EventContext) => entityIdOf(context.streamId);

/** The calendar lists activities by the start of their window. */
const calendarPlacement = (context: EventContext, window: Window, activityId: string) => ({
  placement: { list: activitiesList(context.community), order: [window.start, activityId] },
});

/** One item per activity: what the calendar and the detail page show, with its counts. */
export const activityDetails: Projection<DomainEvent, ActivityDetail> = {
  name: 'activity-details',
  schema: ActivityDetail,
  touches(event, context) {
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
  evolve(current, event, context): ViewDocument<ActivityDetail> | null {
    if (event.type === 'ActivityPlanned') {
      const { planYear: _year, ...planned } = event.data;
      return {
        data: {
          ...planned,
          checkIn: checkInBounds(
            event.data.window,
            event.data.checkInMarginMinutes ?? DEFAULT_CHECK_IN_MARGIN_MINUTES,
          ),
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
            checkIn: checkInBounds(
              event.data.window,
              data.checkInMarginMinutes ?? DEFAULT_CHECK_IN_MARGIN_MINUTES,
            ),
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
      case 'ResidentWaitlisted':
      case 'ResidentPromotedFromWaitlist':
      case 'RegistrationCancelled':
        return { ...current, data: { ...data, ...registrationCounts(data, event) } };
      case 'ResidentAttended':
        return { ...current, data: { ...data, attendanceCount: data.attendanceCount + 1 } };
      case 'AttendanceRevoked':
        return { ...current, data: { ...data, attendanceCount: Math.max(0, data.attendanceCount - 1) } };
      default:
        return current;
    }
  },
};
