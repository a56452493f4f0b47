import * as z from 'zod';
import { defineEvent } from './define.js';
import { personal, sealed } from './personal-data.js';

/** As v1 was written: sealed with the resident's enrolment key (annotated only: a frozen version is not re-checked). */
const sealedWhenWritten = (kind: 'name' | 'phone' | 'email') =>
  personal(z.string(), { kind, sealedWith: ['residentId'] });

/**
 * v1 (first release): a resident joined the community's roster. Party membership was not yet recorded.
 * Frozen: payloads of this shape exist in stored history.
 */
const ResidentEnrolledV1 = z.object({
  residentId: z.string(),
  name: sealedWhenWritten('name'),
  householdId: z.string(),
  building: z.string().optional(),
  phone: sealedWhenWritten('phone').optional(),
});

/**
 * v2: party membership and branch matter for study-session and article targets; email for reports.
 * Name, phone and email are sealed with the resident's enrolment key.
 */
export const ResidentEnrolledV2 = ResidentEnrolledV1.extend({
  name: sealed('name', ['residentId']),
  phone: sealed('phone', ['residentId']).optional(),
  partyMember: z.boolean(),
  branch: z.string().optional(),
  email: sealed('email', ['residentId']).optional(),
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
