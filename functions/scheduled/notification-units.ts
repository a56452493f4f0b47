import type { Logger } from '@aws-lambda-powertools/logger';
import { entityIdOf } from '../../domain/shared/ids.js';
import { decodeEvent, ResidentPromotedFromWaitlist } from '../../events/index.js';
import { type PromotionNoticeDeps, tellPromotedResident } from '../app/notifications/waitlist-promotion.js';
import type { NotificationUnit, UnitOutcome } from '../app/scheduled-work.js';

/**
 * An event the bus routed to the notifications queue: a resident given a place from a waitlist is
 * told by email. One with no address is skipped; a failure (the views not there yet, the mail relay
 * down) fails the unit, so the queue retries it and, after its receive count, dead-letters it.
 */
export function createNotificationUnits(deps: PromotionNoticeDeps & { logger?: Logger }) {
  return async (unit: NotificationUnit): Promise<UnitOutcome> => {
    const { detail } = unit;
    if (unit['detail-type'] !== ResidentPromotedFromWaitlist.type)
      return { unit, outcome: 'skipped', reason: `no notification for ${unit['detail-type']}` };
    try {
      const { residentId } = ResidentPromotedFromWaitlist.schema.parse(
        decodeEvent(detail.type, detail.schemaVersion, detail.data),
      );
      const told = await tellPromotedResident(deps, {
        community: detail.community,
        activityId: entityIdOf(detail.streamId),
        residentId,
      });
      return told.told
        ? { unit, outcome: 'sent', sentTo: told.sentTo }
        : { unit, outcome: 'skipped', reason: told.reason };
    } catch (error) {
      const reason = (error as Error).message;
      deps.logger?.error('promotion notice failed', { eventId: detail.eventId, reason });
      return { unit, outcome: 'failed', reason };
    }
  };
}
