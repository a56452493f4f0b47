import * as z from 'zod';
import type { DomainEvent } from '../../events/index.js';
import type { Projection } from '../shared/projection.js';

/** The resident's profile card; erasure drops the phone and email and shows the name as erased. */
export const ResidentProfile = z.object({
  residentId: z.string(),
  name: z.string(),
  householdId: z.string(),
  building: z.string().optional(),
  partyMember: z.boolean(),
  branch: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  erased: z.boolean().optional(),
  enrolledAt: z.string(),
});
export type ResidentProfile = z.infer<typeof ResidentProfile>;

/** What a view shows where erased personal data was. */
export const ERASED = '[erased]';

export const residentKey = (community: string, residentId: string) => ({
  community,
  view: 'resident',
  id: [residentId],
});
/** The roster: every resident of the community, by name. */
export const residentsList = (community: string) => ({ community, list: 'residents' });

/** The resident's profile card, listed per community by name. */
export const residentProfiles: Projection<DomainEvent, ResidentProfile> = {
  name: 'resident-profiles',
  schema: ResidentProfile,
  touches(event, context) {
    switch (event.type) {
      case 'ResidentEnrolled':
      case 'ResidentPersonalDataErased':
        return [residentKey(context.community, event.data.residentId)];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    switch (event.type) {
      case 'ResidentEnrolled': {
        const { residentId, name } = event.data;
        return {
          data: { ...event.data, enrolledAt: context.recordedAt },
          placement: {
            list: residentsList(context.community),
            order: [name.toLocaleLowerCase(), residentId],
          },
        };
      }
      case 'ResidentPersonalDataErased': {
        if (!current) return null;
        const { phone: _phone, email: _email, ...kept } = current.data;
        return {
          ...current,
          data: { ...kept, name: ERASED, erased: true },
          placement: { list: residentsList(context.community), order: [ERASED, event.data.residentId] },
        };
      }
      default:
        return current ?? null;
    }
  },
};
