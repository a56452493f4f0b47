import * as z from 'zod';
import { defineEvent } from './define.js';
import { freeText, nameOfSomeoneUnrecorded } from './personal-data.js';
import { Category, Format, Instant, Window } from './shared.js';

/**
 * What an activity is, as planned: one activity, or every occurrence of a series. Declared once here:
 * the planning events carry it, the activity's and the series' views show it, and the request bodies
 * (`activityFields` of the activities route) bound each of these fields for input.
 */
export const ActivityDescription = z.object({
  category: Category,
  format: Format,
  title: z.string(),
  description: freeText().optional(),
  venue: z.string().optional(),
  organizerUnit: z.string().optional(),
  partnerUnits: z.array(z.string()).optional(),
  audience: z.string().optional(),
  capacity: z.number().int().positive().optional(),
  lecturer: nameOfSomeoneUnrecorded('the lecturer, as the activity record names them').optional(),
});
export type ActivityDescription = z.infer<typeof ActivityDescription>;

export const ActivityPlanned = defineEvent(
  'ActivityPlanned',
  z.object({
    activityId: z.string(),
    planId: z.string(),
    /** The plan's year and time zone when it was planned: the window must lie in that year, in that zone. */
    planYear: z.number().int(),
    timeZone: z.string(),
    ...ActivityDescription.shape,
    window: Window,
    /** The recurring series this activity is an occurrence of (`POST /activity-series`). */
    seriesId: z.string().optional(),
    /** The plan's check-in margin when it was planned (minutes); absent before it existed: 30. */
    checkInMarginMinutes: z.number().int().min(0).optional(),
  }),
);

export const ActivityRescheduled = defineEvent(
  'ActivityRescheduled',
  z.object({ window: Window, previousWindow: Window, reason: freeText() }),
);

/**
 * The venue or lecturer changed before the activity was held (a series edit reaches its occurrences
 * this way). Only the fields given change; what the activity had before is in its history.
 */
export const ActivityDetailsChanged = defineEvent(
  'ActivityDetailsChanged',
  z.object({
    venue: z.string().optional(),
    lecturer: nameOfSomeoneUnrecorded('the lecturer, as the activity record names them').optional(),
    reason: freeText(),
  }),
);

export const ActivityCancelled = defineEvent('ActivityCancelled', z.object({ reason: freeText() }));

export const ResidentRegistered = defineEvent('ResidentRegistered', z.object({ residentId: z.string() }));

/**
 * A full activity's line: the resident is waiting for a place. `position` is their place in line when
 * they joined it (1: next to be given a place); it moves up as those before them leave the line.
 */
export const ResidentWaitlisted = defineEvent(
  'ResidentWaitlisted',
  z.object({ residentId: z.string(), position: z.number().int().positive() }),
);

/**
 * A resident (or an organizer for them) withdrew a registration before the activity opened, either a
 * place (`was: registered`, which frees it) or a place in line (`was: waitlisted`).
 */
export const RegistrationCancelled = defineEvent(
  'RegistrationCancelled',
  z.object({
    residentId: z.string(),
    was: z.enum(['registered', 'waitlisted']),
    reason: freeText().optional(),
  }),
);

/**
 * The first in line was given the place a cancellation freed: committed with that cancellation, so
 * capacity holds at every version. The resident is told by email where they have one.
 */
export const ResidentPromotedFromWaitlist = defineEvent(
  'ResidentPromotedFromWaitlist',
  z.object({ residentId: z.string() }),
);

export const AttendanceMethod = z.enum(['qr', 'kiosk', 'organizer']);

/**
 * A resident signed in. `at` is when they checked in: the server's clock for a resident's own (`qr`)
 * check-in and an organizer's entry, the scan time for a kiosk's scan; the commit says when it was
 * recorded. A sign-in outside the check-in bounds is only ever an organizer's `correction`, and says so.
 */
export const ResidentAttended = defineEvent(
  'ResidentAttended',
  z.object({
    residentId: z.string(),
    method: AttendanceMethod,
    at: Instant,
    correction: z.object({ reason: freeText() }).optional(),
  }),
);

export const AttendanceRevoked = defineEvent(
  'AttendanceRevoked',
  z.object({ residentId: z.string(), reason: freeText() }),
);

export const ActivityHeld = defineEvent(
  'ActivityHeld',
  z.object({
    heldOn: Instant,
    summary: freeText(),
    lecturer: nameOfSomeoneUnrecorded('the lecturer, as the activity record names them').optional(),
    trainingPlan: freeText().optional(),
    headcount: z.number().int().min(0).optional(),
    heldWithinWindow: z.boolean(),
  }),
);

export const activityEvents = [
  ActivityPlanned,
  ActivityRescheduled,
  ActivityDetailsChanged,
  ActivityCancelled,
  ResidentRegistered,
  ResidentAttended,
  AttendanceRevoked,
  ActivityHeld,
  ResidentWaitlisted,
  RegistrationCancelled,
  ResidentPromotedFromWaitlist,
] as const;
