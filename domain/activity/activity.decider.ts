import type { ActivityEvent, Category, Format, StudyEvent, Window } from '../../events/index.js';
import { planErrors } from '../plan/plan.errors.js';
import type { Decider } from '../shared/decider.js';
import { emptyIdSet, idSetAdd, idSetHas, idSetRemove } from '../shared/id-set.js';
import { activityErrors } from './activity.errors.js';
import type { ActivityState } from './activity.state.js';
import { type ChangeActivityDetails, decideDetails, detailsOf } from './activity-details.js';
import { heldWithinWindow, windowProblem } from './activity-window.js';
import { type CheckIn, DEFAULT_CHECK_IN_MARGIN_MINUTES, decideCheckIn, heldProblem } from './check-in.js';
import {
  type CancelRegistration,
  decideRegistration,
  evolveRegistration,
  type RegisterResident,
} from './registration.js';
import { decideStudy, evolveStudy, type StudyCommand } from './study-leave.js';

export interface PlanFacts {
  readonly planId: string;
  readonly year: number;
  readonly timeZone: string;
  /** How long before the window and after it a check-in is accepted (absent: the default, 30). */
  readonly checkInMarginMinutes?: number;
}

export type ActivityCommand =
  | StudyCommand
  | ChangeActivityDetails
  | {
      readonly type: 'PlanActivity';
      readonly activityId: string;
      readonly planId: string;
      /** The plan as loaded by the handler; absent when no such plan exists. */
      readonly plan: PlanFacts | undefined;
      readonly category: Category;
      readonly format: Format;
      readonly title: string;
      readonly description?: string;
      readonly window: Window;
      readonly venue?: string;
      readonly organizerUnit?: string;
      readonly partnerUnits?: string[];
      readonly audience?: string;
      readonly capacity?: number;
      readonly lecturer?: string;
      /** Set when the activity is an occurrence of a recurring series. */
      readonly seriesId?: string;
    }
  | {
      readonly type: 'RescheduleActivity';
      readonly activityId: string;
      readonly window: Window;
      readonly reason: string;
    }
  | { readonly type: 'CancelActivity'; readonly activityId: string; readonly reason: string }
  | RegisterResident
  | CancelRegistration
  | ({
      readonly type: 'RecordAttendance';
      readonly activityId: string;
      readonly residentId: string;
      readonly residentKnown: boolean;
    } & CheckIn)
  | {
      readonly type: 'RevokeAttendance';
      readonly activityId: string;
      readonly residentId: string;
      readonly reason: string;
    }
  | {
      readonly type: 'RecordHeld';
      readonly activityId: string;
      readonly heldOn: string;
      /**
       * When only a date was given ("held on 10 August"): the end of that day in the plan's zone.
       * The activity was held some time in [heldOn, heldUntil), so it is judged within a window
       * that this day meets, rather than at the day's first instant.
       */
      readonly heldUntil?: string;
      readonly summary: string;
      readonly lecturer?: string;
      readonly trainingPlan?: string;
      readonly headcount?: number;
      /** The server's clock: `held` is never dated in the future. */
      readonly now: string;
    };

export { ACTIVITY_STATE_SCHEMA, type ActivityState, activitySnapshots } from './activity.state.js';

export const activityDecider: Decider<ActivityCommand, ActivityState, ActivityEvent | StudyEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'PlanActivity') {
      if (state.status !== 'none') return activityErrors.alreadyExists(command.activityId);
      const { type: _type, plan, planId, ...fields } = command;
      if (!plan) return planErrors.notFound(planId);
      const problem = windowProblem(command.window, plan.year, plan.timeZone);
      if (problem) return problem;
      const margin = plan.checkInMarginMinutes ?? DEFAULT_CHECK_IN_MARGIN_MINUTES;
      return [
        {
          type: 'ActivityPlanned',
          data: {
            ...fields,
            planId,
            planYear: plan.year,
            timeZone: plan.timeZone,
            checkInMarginMinutes: margin,
          },
        },
      ];
    }
    if (state.status === 'none') return activityErrors.notFound(command.activityId);
    if (state.status === 'cancelled') return activityErrors.cancelled();

    switch (command.type) {
      case 'RequestStudyLeave':
      case 'DecideStudyLeave':
      case 'RecordStudyMakeUp':
        return decideStudy(command, state);
      case 'RescheduleActivity': {
        if (state.status === 'held') return activityErrors.alreadyHeld();
        const problem = windowProblem(command.window, state.planYear, state.timeZone);
        if (problem) return problem;
        if (command.window.start === state.window.start && command.window.end === state.window.end) return [];
        return [
          {
            type: 'ActivityRescheduled',
            data: { window: command.window, previousWindow: state.window, reason: command.reason },
          },
        ];
      }
      case 'ChangeActivityDetails':
        return decideDetails(command, state);
      case 'CancelActivity':
        if (state.status === 'held') return activityErrors.alreadyHeld();
        return [{ type: 'ActivityCancelled', data: { reason: command.reason } }];
      case 'RegisterResident':
      case 'CancelRegistration':
        return decideRegistration(command, state);
      case 'RecordAttendance':
        // A held activity still takes sign-ins inside its bounds (a kiosk's queued scans arrive
        // late); a paper sheet entered afterwards is an organizer's correction.
        if (!command.residentKnown) return activityErrors.residentNotFound(command.residentId);
        if (idSetHas(state.attending, command.residentId))
          return activityErrors.alreadyAttended(command.residentId);
        return decideCheckIn(command, state.window, state.checkInMarginMinutes);
      case 'RevokeAttendance':
        if (!idSetHas(state.attending, command.residentId))
          return activityErrors.notAttended(command.residentId);
        return [
          { type: 'AttendanceRevoked', data: { residentId: command.residentId, reason: command.reason } },
        ];
      case 'RecordHeld': {
        if (state.status === 'held') return activityErrors.alreadyHeld();
        const { type: _type, activityId: _id, heldUntil, now, ...record } = command;
        const problem = heldProblem(command.heldOn, heldUntil, state.window, now);
        if (problem) return problem;
        return [
          {
            type: 'ActivityHeld',
            data: { ...record, heldWithinWindow: heldWithinWindow(command.heldOn, state.window, heldUntil) },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'ActivityPlanned') {
      const { planId, planYear, timeZone, category, format, window, capacity, checkInMarginMinutes } =
        event.data;
      return {
        status: 'planned',
        planId,
        planYear,
        timeZone,
        category,
        format,
        window,
        capacity: capacity ?? null,
        checkInMarginMinutes: checkInMarginMinutes ?? DEFAULT_CHECK_IN_MARGIN_MINUTES,
        registered: emptyIdSet,
        registeredCount: 0,
        waitlist: [],
        attending: emptyIdSet,
        leaves: {},
        madeUp: emptyIdSet,
        ...detailsOf(event.data),
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'ActivityRescheduled':
        return { ...state, window: event.data.window };
      case 'ActivityDetailsChanged':
        return { ...state, ...detailsOf(event.data) };
      case 'ActivityCancelled':
        return { ...state, status: 'cancelled' };
      case 'ResidentRegistered':
      case 'ResidentWaitlisted':
      case 'RegistrationCancelled':
      case 'ResidentPromotedFromWaitlist':
        return evolveRegistration(state, event);
      case 'ResidentAttended':
        return { ...state, attending: idSetAdd(state.attending, event.data.residentId) };
      case 'AttendanceRevoked':
        return { ...state, attending: idSetRemove(state.attending, event.data.residentId) };
      case 'ActivityHeld':
        return { ...state, status: 'held' };
      case 'StudyLeaveRequested':
      case 'StudyLeaveApproved':
      case 'StudyLeaveDeclined':
      case 'StudyMadeUp':
        return evolveStudy(state, event);
      default:
        return state;
    }
  },
};
