import type { InstructorEvent } from '../../events/index.js';
import type { ActivityState } from '../activity/activity.decider.js';
import type { Decider } from '../shared/decider.js';
import { equipmentErrors } from './equipment.errors.js';

/** What a session's activity stream says, as the handler folded it (`unknown`: no such activity). */
export type SessionActivity =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'planned' | 'held' | 'cancelled';
      readonly category: string;
      readonly timeZone: string;
    };

/** The little a session needs of an activity's state: whether it exists, its category, whether it was cancelled. */
export function sessionActivityOf(activity: ActivityState): SessionActivity {
  return activity.status === 'none'
    ? { status: 'unknown' }
    : { status: activity.status, category: activity.category, timeZone: activity.timeZone };
}

export type InstructorCommand =
  | {
      readonly type: 'RegisterInstructor';
      readonly instructorId: string;
      readonly name: string;
      readonly residentId?: string;
      readonly residentKnown: boolean;
      readonly specialty: string;
      readonly certifiedUntil?: string;
    }
  | {
      readonly type: 'RecordSession';
      readonly instructorId: string;
      readonly sessionId: string;
      /** Resolved in `timeZone`: the activity's, else the venue's, else the community's. */
      readonly heldOn: string;
      readonly timeZone: string;
      readonly activityId?: string;
      readonly activity?: SessionActivity;
      readonly venueId?: string;
      readonly venueKnown: boolean;
      readonly topic: string;
      readonly participants?: number;
      readonly now: string;
    };

export type InstructorState =
  | { readonly status: 'none' }
  | { readonly status: 'registered'; readonly sessions: number };

/** A sports instructor and the sessions they lead, each tied at most to a sports-fitness activity and a venue. */
export const instructorDecider: Decider<InstructorCommand, InstructorState, InstructorEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (command.type === 'RegisterInstructor') {
      if (state.status !== 'none') return equipmentErrors.instructorAlreadyRegistered(command.instructorId);
      if (command.residentId !== undefined && !command.residentKnown)
        return equipmentErrors.residentNotFound(command.residentId);
      const { type: _t, residentKnown: _k, ...data } = command;
      return [{ type: 'InstructorRegistered', data }];
    }
    if (state.status === 'none') return equipmentErrors.instructorNotFound(command.instructorId);
    const { activityId, activity } = command;
    if (activityId !== undefined) {
      if (!activity || activity.status === 'unknown') return equipmentErrors.activityNotFound(activityId);
      if (activity.category !== 'sports-fitness')
        return equipmentErrors.activityNotSports(activityId, activity.category);
      if (activity.status === 'cancelled') return equipmentErrors.activityCancelled(activityId);
    }
    if (command.venueId !== undefined && !command.venueKnown)
      return equipmentErrors.venueNotFound(command.venueId);
    if (Date.parse(command.heldOn) > Date.parse(command.now))
      return equipmentErrors.inTheFuture('heldOn', command.heldOn);
    const { type: _t, instructorId: _i, activity: _a, venueKnown: _v, now: _n, ...data } = command;
    return [{ type: 'InstructorSessionHeld', data }];
  },
  evolve(state, event) {
    if (event.type === 'InstructorRegistered') return { status: 'registered', sessions: 0 };
    return state.status === 'registered' ? { ...state, sessions: state.sessions + 1 } : state;
  },
};
