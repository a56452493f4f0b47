import { type ActivityDetail, activityKey } from '../../../domain/activity/activity.view.js';
import { type AttendeeRow, attendeesOf } from '../../../domain/activity/attendee.view.js';
import { type RegistrationRow, registrationsOf } from '../../../domain/activity/registration.view.js';
import { isStaff } from '../authorization.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import { readSlice } from '../read-all.js';
import type { ViewStore } from '../view-store.js';

export interface ActivityQueryDeps {
  readonly views: ViewStore;
}

/** A registration as answered: the waitlisted carry their place in line (1 = next). */
export type RegistrationAsSeen = RegistrationRow & { readonly waitlistPosition?: number };

/** An activity with its counts and, for staff, its attendee list and registrations; `version` is the view's. */
export type ActivityAsSeen = ActivityDetail & {
  readonly version: number;
  readonly attendees?: readonly AttendeeRow[];
  readonly registrations?: readonly RegistrationAsSeen[];
};

/**
 * The registered first (in the order they got their place), then the waitlist in line order with
 * each one's place in it, then the cancelled.
 */
export function inRegistrationOrder(rows: readonly RegistrationRow[]): RegistrationAsSeen[] {
  const by = (status: RegistrationRow['status'], order: (a: RegistrationRow, b: RegistrationRow) => number) =>
    rows.filter((r) => r.status === status).sort(order);
  return [
    ...by('registered', (a, b) => (a.registeredAt ?? '').localeCompare(b.registeredAt ?? '')),
    ...by('waitlisted', (a, b) => (a.line ?? 0) - (b.line ?? 0)).map((row, i) => ({
      ...row,
      waitlistPosition: i + 1,
    })),
    ...by('cancelled', (a, b) => (a.cancelledAt ?? '').localeCompare(b.cancelledAt ?? '')),
  ];
}

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
  const [attendees, registrations] = await Promise.all([
    readSlice<AttendeeRow>(deps.views, attendeesOf(actor.community, input.activityId)),
    readSlice<RegistrationRow>(deps.views, registrationsOf(actor.community, input.activityId)),
  ]);
  return { ...activity, attendees, registrations: inRegistrationOrder(registrations) };
}
