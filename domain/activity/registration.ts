import type { ActivityEvent, Window } from '../../events/index.js';
import type { Decision } from '../shared/decider.js';
import { type IdSet, idSetAdd, idSetHas, idSetRemove } from '../shared/id-set.js';
import { activityErrors } from './activity.errors.js';

/** A resident asks for a place; on a full activity they join the line instead. */
export interface RegisterResident {
  readonly type: 'RegisterResident';
  readonly activityId: string;
  readonly residentId: string;
  readonly residentKnown: boolean;
}

/** A resident (or an organizer for them) gives up a place or a place in line before the window opens. */
export interface CancelRegistration {
  readonly type: 'CancelRegistration';
  readonly activityId: string;
  readonly residentId: string;
  readonly reason?: string;
  /** The clock's instant: a cancellation is taken only before the window opens. */
  readonly now: string;
}

/** What of an activity's state the registration rules read and write. */
export interface RegistrationSlice {
  readonly status: 'planned' | 'cancelled' | 'held';
  readonly window: Window;
  readonly capacity: number | null;
  readonly registered: IdSet;
  readonly registeredCount: number;
  /** Residents waiting for a place, first in line first. */
  readonly waitlist: readonly string[];
}

type RegistrationEvent = Extract<
  ActivityEvent,
  {
    type:
      | 'ResidentRegistered'
      | 'ResidentWaitlisted'
      | 'RegistrationCancelled'
      | 'ResidentPromotedFromWaitlist';
  }
>;

/** Where a resident stands: holding a place, waiting in line (1 = next), or neither. */
export function registrationOf(
  state: Pick<RegistrationSlice, 'registered' | 'waitlist'>,
  residentId: string,
): { status: 'registered' } | { status: 'waitlisted'; position: number } | undefined {
  if (idSetHas(state.registered, residentId)) return { status: 'registered' };
  const index = state.waitlist.indexOf(residentId);
  return index < 0 ? undefined : { status: 'waitlisted', position: index + 1 };
}

/**
 * Capacity is never exceeded: a full activity (or one with people already in line) puts the newcomer
 * at the end of the line; a freed place goes to the first in line in the very commit that frees it.
 */
export function decideRegistration(
  command: RegisterResident | CancelRegistration,
  state: RegistrationSlice,
): Decision<ActivityEvent> {
  if (state.status === 'held') return activityErrors.alreadyHeld();
  const { residentId } = command;
  const current = registrationOf(state, residentId);
  if (command.type === 'RegisterResident') {
    if (!command.residentKnown) return activityErrors.residentNotFound(residentId);
    if (current?.status === 'registered') return activityErrors.alreadyRegistered(residentId);
    if (current?.status === 'waitlisted')
      return activityErrors.alreadyWaitlisted(residentId, current.position);
    const full =
      state.capacity !== null && (state.registeredCount >= state.capacity || state.waitlist.length > 0);
    if (full)
      return [{ type: 'ResidentWaitlisted', data: { residentId, position: state.waitlist.length + 1 } }];
    return [{ type: 'ResidentRegistered', data: { residentId } }];
  }
  if (!current) return activityErrors.notRegistered(residentId);
  if (Date.parse(command.now) >= Date.parse(state.window.start))
    return activityErrors.tooLateToCancel(state.window.start);
  const reason = command.reason === undefined ? {} : { reason: command.reason };
  const cancelled: ActivityEvent = {
    type: 'RegistrationCancelled',
    data: { residentId, was: current.status, ...reason },
  };
  const next = state.waitlist[0];
  if (current.status === 'waitlisted' || next === undefined) return [cancelled];
  return [cancelled, { type: 'ResidentPromotedFromWaitlist', data: { residentId: next } }];
}

export function evolveRegistration<S extends RegistrationSlice>(state: S, event: RegistrationEvent): S {
  const { residentId } = event.data;
  switch (event.type) {
    case 'ResidentRegistered':
      return {
        ...state,
        registered: idSetAdd(state.registered, residentId),
        registeredCount: state.registeredCount + 1,
      };
    case 'ResidentWaitlisted':
      return { ...state, waitlist: [...state.waitlist, residentId] };
    case 'ResidentPromotedFromWaitlist':
      return {
        ...state,
        waitlist: state.waitlist.filter((id) => id !== residentId),
        registered: idSetAdd(state.registered, residentId),
        registeredCount: state.registeredCount + 1,
      };
    case 'RegistrationCancelled':
      if (event.data.was === 'waitlisted')
        return { ...state, waitlist: state.waitlist.filter((id) => id !== residentId) };
      return {
        ...state,
        registered: idSetRemove(state.registered, residentId),
        registeredCount: state.registeredCount - 1,
      };
  }
}
