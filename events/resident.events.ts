import * as z from 'zod';
import { defineEvent } from './define.js';

/**
 * v1 (first release): a resident joined the community's roster. Party membership was not yet recorded.
 * Frozen: payloads of this shape exist in stored history.
 */
const ResidentEnrolledV1 = z.object({
  residentId: z.string(),
  name: z.string(),
  householdId: z.string(),
  building: z.string().optional(),
  phone: z.string().optional(),
});

/** v2: party membership and branch matter for study-session and article targets; email for reports. */
export const ResidentEnrolledV2 = ResidentEnrolledV1.extend({
  partyMember: z.boolean(),
  branch: z.string().optional(),
  email: z.string().optional(),
});

export const ResidentEnrolled = defineEvent('ResidentEnrolled', ResidentEnrolledV2, [
  {
    version: 1,
    schema: ResidentEnrolledV1,
    // Residents enrolled before v2 were never asked; "not a party member" until someone says otherwise.
    upcast: (v1: z.infer<typeof ResidentEnrolledV1>) => ({ ...v1, partyMember: false }),
  },
]);

/**
 * The resident's key was destroyed: their encrypted name, phone and email can no longer be read
 * anywhere. History, counts, attendance and the hash chains are untouched.
 */
export const ResidentPersonalDataErased = defineEvent(
  'ResidentPersonalDataErased',
  z.object({ residentId: z.string() }),
);

export const residentEvents = [ResidentEnrolled, ResidentPersonalDataErased] as const;
