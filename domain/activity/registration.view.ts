import * as z from 'zod';
import type { DomainEvent } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { DocumentGroup, Projection } from '../shared/projection.js';

/** One resident's registration for one activity: a place, a place in line, or withdrawn. */
export const RegistrationRow = z.object({
  residentId: z.string(),
  status: z.enum(['registered', 'waitlisted', 'cancelled']),
  /** The stream version at which they joined the line: the line's order (earlier first). */
  line: z.number().optional(),
  registeredAt: z.string().optional(),
  waitlistedAt: z.string().optional(),
  promotedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  /** What they gave up when they cancelled. */
  cancelledFrom: z.enum(['registered', 'waitlisted']).optional(),
  cancelReason: z.string().optional(),
});
export type RegistrationRow = z.infer<typeof RegistrationRow>;

export const registrationKey = (community: string, activityId: string, residentId: string) => ({
  community,
  view: 'registration',
  id: [activityId, residentId],
});
/** Every registration of the activity: places, the waitlist, the cancelled. */
export const registrationsOf = (community: string, activityId: string): DocumentGroup => ({
  community,
  view: 'registration',
  within: [activityId],
});

/** One row per resident who ever registered for the activity: where they stand now, and when each step was recorded. */
export const registrationRows: Projection<DomainEvent, RegistrationRow> = {
  name: 'activity-registrations',
  schema: RegistrationRow,
  touches(event, context) {
    switch (event.type) {
      case 'ResidentRegistered':
      case 'ResidentWaitlisted':
      case 'RegistrationCancelled':
      case 'ResidentPromotedFromWaitlist':
        return [registrationKey(context.community, entityIdOf(context.streamId), event.data.residentId)];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    // A registration after a cancellation starts the row again: the history keeps the earlier one.
    const at = context.recordedAt;
    switch (event.type) {
      case 'ResidentRegistered':
        return { data: { residentId: event.data.residentId, status: 'registered', registeredAt: at } };
      case 'ResidentWaitlisted':
        return {
          data: {
            residentId: event.data.residentId,
            status: 'waitlisted',
            line: context.streamVersion,
            waitlistedAt: at,
          },
        };
      case 'ResidentPromotedFromWaitlist': {
        const { line: _line, ...rest } = current?.data ?? { residentId: event.data.residentId };
        return { data: { ...rest, status: 'registered', registeredAt: at, promotedAt: at } };
      }
      case 'RegistrationCancelled': {
        const { line: _line, ...rest } = current?.data ?? { residentId: event.data.residentId };
        const reason = event.data.reason === undefined ? {} : { cancelReason: event.data.reason };
        return {
          data: { ...rest, status: 'cancelled', cancelledAt: at, cancelledFrom: event.data.was, ...reason },
        };
      }
      default:
        return current ?? null;
    }
  },
};
