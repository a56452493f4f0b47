import {
  type ActivityDetail,
  type AttendeeRow,
  activityKey,
  attendeesOf,
} from '../../../domain/activity/activity.view.js';
import { isStaff } from '../authorization.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import { readSlice } from '../read-all.js';
import type { ViewStore } from '../view-store.js';

export interface ActivityQueryDeps {
  readonly views: ViewStore;
}

/** An activity with its counts and, for staff, its attendee list; `version` is the view's. */
export type ActivityAsSeen = ActivityDetail & {
  readonly version: number;
  readonly attendees?: readonly AttendeeRow[];
};

/** One activity as this caller may see it (404 when it is not there). */
export async function getActivity(
  deps: ActivityQueryDeps,
  actor: Actor,
  input: { activityId: string },
): Promise<ActivityAsSeen> {
  const item = await deps.views.get<ActivityDetail>(activityKey(actor.community, input.activityId));
  if (!item || item.deleted) throw appErrors.notFound(`activity ${input.activityId}`);
  const activity = { ...item.data, version: item.appliedVersion };
  if (!isStaff(actor)) return activity;
  const attendees = await readSlice<AttendeeRow>(deps.views, attendeesOf(actor.community, input.activityId));
  return { ...activity, attendees };
}
