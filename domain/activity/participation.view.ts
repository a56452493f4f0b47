import * as z from 'zod';
import { AttendanceMethod, type DomainEvent } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { DocumentGroup, EventContext, Projection } from '../shared/projection.js';

/** Under the resident: what they did about one activity. */
export const ParticipationRow = z.object({
  activityId: z.string(),
  /** Holds a place now. */
  registered: z.boolean(),
  /** Where their registration stands: a place, a place in line, or cancelled (absent: never registered). */
  registration: z.enum(['registered', 'waitlisted', 'cancelled']).optional(),
  waitlistedAt: z.string().optional(),
  promotedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  attended: z.boolean(),
  attendedAt: z.string().optional(),
  method: AttendanceMethod.optional(),
  revokedReason: z.string().optional(),
  /** A study session: the member's latest leave request and its decision. */
  leave: z
    .object({
      status: z.enum(['requested', 'approved', 'declined']),
      reason: z.string(),
      requestedAt: z.string(),
      decidedAt: z.string().optional(),
      note: z.string().optional(),
    })
    .optional(),
  /** A study session the member made up (补学): how, and when it was recorded. */
  madeUp: z
    .object({ by: z.enum(['session', 'note']), sessionId: z.string().optional(), recordedAt: z.string() })
    .optional(),
});
export type ParticipationRow = z.infer<typeof ParticipationRow>;

export const participationKey = (community: string, residentId: string, activityId: string) => ({
  community,
  view: 'participation',
  id: [residentId, activityId],
});
/** A resident's participation rows, grouped under the resident. */
export const participationOf = (community: string, residentId: string): DocumentGroup => ({
  community,
  view: 'participation',
  within: [residentId],
});
const activityIdOf = (context: EventContext) => entityIdOf(context.streamId);

/** Per resident, per activity: registered, attended. The participation page joins it with activity details. */
export const participationRows: Projection<DomainEvent, ParticipationRow> = {
  name: 'resident-participation',
  schema: ParticipationRow,
  touches(event, context) {
    switch (event.type) {
      case 'ResidentRegistered':
      case 'ResidentWaitlisted':
      case 'RegistrationCancelled':
      case 'ResidentPromotedFromWaitlist':
      case 'ResidentAttended':
      case 'AttendanceRevoked':
      case 'StudyLeaveRequested':
      case 'StudyLeaveApproved':
      case 'StudyLeaveDeclined':
      case 'StudyMadeUp':
        return [participationKey(context.community, event.data.residentId, activityIdOf(context))];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    const base: ParticipationRow = current?.data ?? {
      activityId: activityIdOf(context),
      registered: false,
      attended: false,
    };
    switch (event.type) {
      case 'ResidentRegistered': {
        const { waitlistedAt: _w, promotedAt: _p, cancelledAt: _c, ...rest } = base;
        return { data: { ...rest, registered: true, registration: 'registered' } };
      }
      case 'ResidentWaitlisted': {
        const { promotedAt: _p, cancelledAt: _c, ...rest } = base;
        return {
          data: { ...rest, registered: false, registration: 'waitlisted', waitlistedAt: context.recordedAt },
        };
      }
      case 'ResidentPromotedFromWaitlist':
        return {
          data: { ...base, registered: true, registration: 'registered', promotedAt: context.recordedAt },
        };
      case 'RegistrationCancelled':
        return {
          data: { ...base, registered: false, registration: 'cancelled', cancelledAt: context.recordedAt },
        };
      case 'ResidentAttended': {
        const { revokedReason: _cleared, ...rest } = base;
        return { data: { ...rest, attended: true, attendedAt: event.data.at, method: event.data.method } };
      }
      case 'AttendanceRevoked':
        return { data: { ...base, attended: false, revokedReason: event.data.reason } };
      case 'StudyLeaveRequested': {
        const { reason } = event.data;
        return { data: { ...base, leave: { status: 'requested', reason, requestedAt: context.recordedAt } } };
      }
      case 'StudyLeaveApproved':
      case 'StudyLeaveDeclined': {
        if (!base.leave) return { data: base };
        const status = event.type === 'StudyLeaveApproved' ? 'approved' : 'declined';
        const { note: _previous, ...leave } = base.leave;
        const note = event.data.note === undefined ? {} : { note: event.data.note };
        return { data: { ...base, leave: { ...leave, status, decidedAt: context.recordedAt, ...note } } };
      }
      case 'StudyMadeUp': {
        const { makeUp } = event.data;
        const session = makeUp.by === 'session' ? { sessionId: makeUp.sessionId } : {};
        return { data: { ...base, madeUp: { by: makeUp.by, ...session, recordedAt: context.recordedAt } } };
      }
      default:
        return current ?? null;
    }
  },
};
