import { type ActivityDetail, activityKey } from '../../../domain/activity/activity.view.js';
import type { PlanDetail } from '../../../domain/plan/plan.view.js';
import { planKey } from '../../../domain/plan/plan.view.js';
import { DEFAULT_LOCALE } from '../../../domain/reports/locale.js';
import { promotionNotice } from '../../../domain/reports/promotion-notice.js';
import { wordingFor } from '../../../domain/reports/wording.js';
import { ERASED, type ResidentProfile, residentKey } from '../../../domain/resident/resident.view.js';
import type { Recipient } from '../../../events/index.js';
import type { Mailer } from '../mailer.js';
import type { ViewStore } from '../view-store.js';

export interface PromotionNoticeDeps {
  readonly views: Pick<ViewStore, 'get'>;
  readonly mailer: Mailer;
}

/** A resident given a place from an activity's waitlist (`ResidentPromotedFromWaitlist`). */
export interface Promotion {
  readonly community: string;
  readonly activityId: string;
  readonly residentId: string;
}

export type PromotionNoticeOutcome =
  | { readonly told: true; readonly sentTo: readonly Recipient[] }
  | { readonly told: false; readonly reason: string };

/**
 * Tells the promoted resident by email, in their plan's language, where they have an address (and
 * were not erased). Read from views: the resident's profile and the activity were there long
 * before the promotion. Nothing is recorded of it: a redelivered event may tell them twice.
 */
export async function tellPromotedResident(
  deps: PromotionNoticeDeps,
  promotion: Promotion,
): Promise<PromotionNoticeOutcome> {
  const { community, activityId, residentId } = promotion;
  const [resident, activity] = await Promise.all([
    deps.views.get<ResidentProfile>(residentKey(community, residentId)),
    deps.views.get<ActivityDetail>(activityKey(community, activityId)),
  ]);
  if (!activity || activity.deleted) throw new Error(`activity ${activityId} is not in the views yet`);
  const profile = resident?.data;
  if (!profile || profile.erased || profile.name === ERASED)
    return { told: false, reason: 'no such resident (or erased)' };
  if (!profile.email) return { told: false, reason: 'the resident has no email address' };
  const plan = await deps.views.get<PlanDetail>(planKey(community, activity.data.planId));
  const wording = wordingFor(plan?.data.locale ?? DEFAULT_LOCALE, activity.data.timeZone);
  const notice = promotionNotice(
    {
      communityName: plan?.data.communityName ?? '',
      residentName: profile.name,
      activity: activity.data,
    },
    wording,
  );
  await deps.mailer.send({ to: [profile.email], ...notice });
  return { told: true, sentTo: [{ residentId }] };
}
