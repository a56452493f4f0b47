import * as z from 'zod';
import { defineEvent, type EventOf } from './define.js';
import { freeText, nameOfSomeoneUnrecorded } from './personal-data.js';
import { Instant } from './shared.js';

/**
 * Leave and make-up (请假 / 补学) for party study sessions, on the session's activity stream. A party
 * member asks for leave before the session starts; an organizer approves or declines it; a make-up
 * closes an absence (with or without leave): a later study session the member attended, or a
 * written study note an organizer reviewed.
 */
/** `requestedAt` is when the member asked (staff may enter a paper slip later); the commit says when it was recorded. */
export const StudyLeaveRequested = defineEvent(
  'StudyLeaveRequested',
  z.object({ residentId: z.string(), reason: freeText(), requestedAt: Instant }),
);

export const StudyLeaveApproved = defineEvent(
  'StudyLeaveApproved',
  z.object({ residentId: z.string(), note: freeText().optional() }),
);

export const StudyLeaveDeclined = defineEvent(
  'StudyLeaveDeclined',
  z.object({ residentId: z.string(), note: freeText().optional() }),
);

/** How a missed session was made up: a later study session attended, or a reviewed study note. */
export const MakeUp = z.discriminatedUnion('by', [
  z.object({ by: z.literal('session'), sessionId: z.string() }),
  z.object({
    by: z.literal('note'),
    note: freeText(),
    reviewedBy: nameOfSomeoneUnrecorded('who reviewed the note: an organizer, as given or their user id'),
  }),
]);
export type MakeUp = z.infer<typeof MakeUp>;

/** The member made up this session (补学). `makeUp` says how; the commit says when it was recorded. */
export const StudyMadeUp = defineEvent('StudyMadeUp', z.object({ residentId: z.string(), makeUp: MakeUp }));

export const studyEvents = [
  StudyLeaveRequested,
  StudyLeaveApproved,
  StudyLeaveDeclined,
  StudyMadeUp,
] as const;

export type StudyEvent =
  | EventOf<typeof StudyLeaveRequested>
  | EventOf<typeof StudyLeaveApproved>
  | EventOf<typeof StudyLeaveDeclined>
  | EventOf<typeof StudyMadeUp>;
