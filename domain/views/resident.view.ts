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
};

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
      default:
        return current ?? null;
    }
  },
};
