import * as z from 'zod';
import { AttendanceMethod, type DomainEvent } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, PartitionSlice, Projection } from './projection.js';
import { residentKey } from './resident.view.js';

/** In the resident's partition: what they did about one activity. */
export const ParticipationRow = z.object({
  activityId: z.string(),
  registered: z.boolean(),
  attended: z.boolean(),
  attendedAt: z.string().optional(),
  method: AttendanceMethod.optional(),
  revokedReason: z.string().optional(),
});
export type ParticipationRow = z.infer<typeof ParticipationRow>;

export const participationKey = (community: string, residentId: string, activityId: string) => ({
  pk: residentKey(community, residentId).pk,
  sk: `activity#${activityId}`,
});
/** A resident's participation rows, in the partition of their profile. */
export const participationOf = (community: string, residentId: string): PartitionSlice => ({
  pk: residentKey(community, residentId).pk,
  skPrefix: 'activity#',
});
const activityIdOf = (context: EventContext) => entityIdOf(context.streamId);

/** Per resident, per activity: registered, attended. The participation page joins it with activity details. */
export const participationRows: Projection<DomainEvent, ParticipationRow> = {
  name: 'resident-participation',
  schema: ParticipationRow,
  keys(event, context) {
    if (
      event.type === 'ResidentRegistered' ||
      event.type === 'ResidentAttended' ||
      event.type === 'AttendanceRevoked'
    ) {
      return [participationKey(context.community, event.data.residentId, activityIdOf(context))];
    }
    return [];
  },
  apply(current, event, context) {
    const base: ParticipationRow = current?.data ?? {
      activityId: activityIdOf(context),
      registered: false,
      attended: false,
    };
    switch (event.type) {
      case 'ResidentRegistered':
        return { data: { ...base, registered: true } };
      case 'ResidentAttended': {
        const { revokedReason: _cleared, ...rest } = base;
        return { data: { ...rest, attended: true, attendedAt: event.data.at, method: event.data.method } };
      }
      case 'AttendanceRevoked':
        return { data: { ...base, attended: false, revokedReason: event.data.reason } };
      default:
        return current ?? null;
    }
  },
};
