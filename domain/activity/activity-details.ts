import type { ActivityEvent } from '../../events/index.js';
import type { Decision } from '../shared/decider.js';
import { activityErrors } from './activity.errors.js';

/** Where and by whom an activity is given: what a change of its details may change. */
export interface ActivityDetails {
  readonly venue?: string;
  readonly lecturer?: string;
}

/** A new venue or lecturer (or both) for an activity not yet held; a field left out stays as it is. */
export interface ChangeActivityDetails extends ActivityDetails {
  readonly type: 'ChangeActivityDetails';
  readonly activityId: string;
  readonly reason: string;
}

/** What of an activity's state the details rule reads (a cancelled one is refused before it). */
interface DetailsSlice extends ActivityDetails {
  readonly status: 'planned' | 'cancelled' | 'held';
}

/** Only the fields the activity does not have already (none: nothing to do). */
export function detailsToChange(wanted: ActivityDetails, current: ActivityDetails): ActivityDetails {
  return {
    ...(wanted.venue === undefined || wanted.venue === current.venue ? {} : { venue: wanted.venue }),
    ...(wanted.lecturer === undefined || wanted.lecturer === current.lecturer
      ? {}
      : { lecturer: wanted.lecturer }),
  };
}

/** Refused once held, like a reschedule: the record says where and by whom it was given. */
export function decideDetails(command: ChangeActivityDetails, state: DetailsSlice): Decision<ActivityEvent> {
  if (state.status === 'held') return activityErrors.alreadyHeld();
  const changed = detailsToChange(command, state);
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'ActivityDetailsChanged', data: { ...changed, reason: command.reason } }];
}

/** The details an activity is planned with, or changed to. */
export const detailsOf = (details: ActivityDetails): ActivityDetails => ({
  ...(details.venue === undefined ? {} : { venue: details.venue }),
  ...(details.lecturer === undefined ? {} : { lecturer: details.lecturer }),
});
