import * as z from 'zod';
import { AttendanceMethod, type DomainEvent } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { DocumentGroup, Projection } from '../shared/projection.js';

export const AttendeeRow = z.object({
  residentId: z.string(),
  status: z.enum(['attended', 'revoked']),
  method: AttendanceMethod,
  at: z.string(),
  recordedAt: z.string(),
  revokedReason: z.string().optional(),
  /** Set when an organizer recorded the sign-in outside the check-in bounds: why. */
  correction: z.object({ reason: z.string() }).optional(),
});
export type AttendeeRow = z.infer<typeof AttendeeRow>;

export const attendeeKey = (community: string, activityId: string, residentId: string) => ({
  community,
  view: 'attendee',
  id: [activityId, residentId],
});
/** The activity's sign-in sheet. */
export const attendeesOf = (community: string, activityId: string): DocumentGroup => ({
  community,
  view: 'attendee',
  within: [activityId],
});
/** The sign-in sheet: one row per resident who attended (kept, marked, when revoked). */
export const attendeeRows: Projection<DomainEvent, AttendeeRow> = {
  name: 'activity-attendees',
  schema: AttendeeRow,
  touches(event, context) {
    if (event.type === 'ResidentAttended' || event.type === 'AttendanceRevoked') {
      return [attendeeKey(context.community, entityIdOf(context.streamId), event.data.residentId)];
    }
    return [];
  },
  evolve(current, event, context) {
    if (event.type === 'ResidentAttended') {
      return {
        data: {
          residentId: event.data.residentId,
          status: 'attended',
          method: event.data.method,
          at: event.data.at,
          recordedAt: context.recordedAt,
          ...(event.data.correction ? { correction: event.data.correction } : {}),
        },
      };
    }
    if (event.type === 'AttendanceRevoked' && current) {
      return { data: { ...current.data, status: 'revoked', revokedReason: event.data.reason } };
    }
    return current ?? null;
  },
};
