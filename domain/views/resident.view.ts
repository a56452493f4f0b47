import type { DomainEvent } from '../../events/index.js';
import type { Projection } from './projection.js';

export type ResidentProfile = {
  residentId: string;
  name: string;
  householdId: string;
  building?: string;
  partyMember: boolean;
  branch?: string;
  phone?: string;
  email?: string;
  enrolledAt: string;
  erased?: boolean;
};

/** What a view shows where erased personal data was. */
export const ERASED = '[erased]';

export const residentKey = (community: string, residentId: string) => ({
  pk: `${community}#resident#${residentId}`,
  sk: 'profile',
});

/** The resident's profile card, listed per community by name. */
export const residentProfiles: Projection<DomainEvent, ResidentProfile> = {
  name: 'resident-profiles',
  keys(event, context) {
    switch (event.type) {
      case 'ResidentEnrolled':
      case 'ResidentPersonalDataErased':
        return [residentKey(context.community, event.data.residentId)];
      default:
        return [];
    }
  },
  apply(current, event, context) {
    switch (event.type) {
      case 'ResidentEnrolled': {
        const { residentId, name } = event.data;
        return {
          data: { ...event.data, enrolledAt: context.recordedAt },
          gsi1pk: `${context.community}#residents`,
          gsi1sk: `${name.toLocaleLowerCase()}#${residentId}`,
        };
      }
      case 'ResidentPersonalDataErased': {
        if (!current) return null;
        const { phone: _phone, email: _email, ...kept } = current.data;
        return {
          ...current,
          data: { ...kept, name: ERASED, erased: true },
          gsi1sk: `${ERASED}#${event.data.residentId}`,
        };
      }
      default:
        return current ?? null;
    }
  },
};
