import { activityDecider, activitySnapshots } from '../../../domain/activity/activity.decider.js';
import { type ActivityDetail, activityKey } from '../../../domain/activity/activity.view.js';
import { checkInBounds, DEFAULT_CHECK_IN_MARGIN_MINUTES } from '../../../domain/activity/check-in.js';
import { ERASED, type ResidentProfile, residentKey } from '../../../domain/resident/resident.view.js';
import { idSetHas } from '../../../domain/shared/id-set.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { CheckInTickets } from '../check-in-tickets.js';
import type { CommandService } from '../command-handler.js';
import { ApplicationError, appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { ViewStore } from '../view-store.js';

export interface CheckInQueryDeps {
  readonly views: ViewStore;
  readonly tickets: CheckInTickets;
  /** Registrations and who is in: the activity's stream, as a command loads it. */
  readonly commands: Pick<CommandService, 'load'>;
  /** Where people open the check-in page: the stage's public URL, or the local server's. */
  readonly publicUrl: () => string | undefined;
}

/** Where a resident's phone checks in: the page of the activity, its signed ticket, and when the ticket expires. */
export interface CheckInLink {
  readonly activityId: string;
  readonly url: string;
  readonly ticket: string;
  readonly opens: string;
  readonly expires: string;
}

/** The URL of the check-in page for an activity, carrying its ticket (what the QR code holds). */
export const checkInUrl = (publicUrl: string, activityId: string, ticket: string) =>
  `${publicUrl.replace(/\/+$/, '')}/check-in/${encodeURIComponent(activityId)}?t=${encodeURIComponent(ticket)}`;

async function activityOf(views: ViewStore, community: string, activityId: string): Promise<ActivityDetail> {
  const item = await views.get<ActivityDetail>(activityKey(community, activityId));
  if (!item || item.deleted) throw appErrors.notFound(`activity ${activityId}`);
  return item.data;
}

/**
 * `GET /activities/{id}/check-in-link`, and what the sign-in sheet's QR code holds: a ticket signed
 * for this activity of this community and its window, good until check-in closes.
 */
export async function checkInLinkOf(
  deps: CheckInQueryDeps,
  actor: Actor,
  input: { readonly activityId: string },
): Promise<CheckInLink> {
  const activity = await activityOf(deps.views, actor.community, input.activityId);
  const publicUrl = deps.publicUrl();
  if (!publicUrl)
    throw new ApplicationError('unavailable', 'public-url-unknown', 'this deployment names no PUBLIC_URL');
  const bounds = checkInBounds(
    activity.window,
    activity.checkInMarginMinutes ?? DEFAULT_CHECK_IN_MARGIN_MINUTES,
  );
  const ticket = await deps.tickets.issue({
    community: actor.community,
    activityId: input.activityId,
    window: activity.window,
    expires: bounds.closes,
    timeZone: activity.timeZone,
  });
  return {
    activityId: input.activityId,
    url: checkInUrl(publicUrl, input.activityId, ticket),
    ticket,
    opens: bounds.opens,
    expires: bounds.closes,
  };
}

/** One registered resident as a kiosk at the door lists them. */
export interface KioskResident {
  readonly residentId: string;
  /** Undefined once the resident was erased. */
  readonly name?: string;
  readonly householdId?: string;
  readonly building?: string;
  readonly checkedIn: boolean;
}

/**
 * `GET /activities/{id}/kiosk`: what an organizer's tablet at the door needs, loaded once and kept
 * for when the network is gone: the activity, its check-in bounds, each registered resident by name
 * and whether they are in.
 */
export async function kioskOf(deps: CheckInQueryDeps, actor: Actor, input: { readonly activityId: string }) {
  const activity = await activityOf(deps.views, actor.community, input.activityId);
  const loaded = await deps.commands.load(
    activityDecider,
    streamIdOf(actor.community, 'activity', input.activityId),
    activitySnapshots,
  );
  const state = loaded.state;
  const ids = state.status === 'none' ? [] : Object.values(state.registered).flatMap((b) => Object.keys(b));
  const profiles = await deps.views.getMany<ResidentProfile>(
    ids.map((id) => residentKey(actor.community, id)),
  );
  const byId = new Map(profiles.map((p) => [p.data.residentId, p.data]));
  const registered: KioskResident[] = ids.map((residentId) => {
    const profile = byId.get(residentId);
    const erased = !profile || profile.erased || profile.name === ERASED;
    return {
      residentId,
      ...(erased
        ? {}
        : {
            name: profile.name,
            householdId: profile.householdId,
            ...(profile.building ? { building: profile.building } : {}),
          }),
      checkedIn: state.status !== 'none' && idSetHas(state.attending, residentId),
    };
  });
  const collator = new Intl.Collator('zh-CN');
  registered.sort((a, b) => collator.compare(a.name ?? '\uffff', b.name ?? '\uffff'));
  return {
    activity,
    checkIn: checkInBounds(activity.window, activity.checkInMarginMinutes ?? DEFAULT_CHECK_IN_MARGIN_MINUTES),
    registered,
  };
}
