import * as z from 'zod';
import { defineEvent } from './define.js';
import { Category, Format, Instant, Window } from './shared.js';

export const ActivityPlanned = defineEvent(
  'ActivityPlanned',
  z.object({
    activityId: z.string(),
    planId: z.string(),
    /** The plan's year and time zone when it was planned: the window must lie in that year, in that zone. */
    planYear: z.number().int(),
    timeZone: z.string(),
    category: Category,
    format: Format,
    title: z.string(),
    description: z.string().optional(),
    window: Window,
    venue: z.string().optional(),
    organizerUnit: z.string().optional(),
    partnerUnits: z.array(z.string()).optional(),
    audience: z.string().optional(),
    capacity: z.number().int().positive().optional(),
    lecturer: z.string().optional(),
    /** The recurring series this activity is an occurrence of (`POST /activity-series`). */
    seriesId: z.string().optional(),
    /** The plan's check-in margin when it was planned (minutes); absent before it existed: 30. */
    checkInMarginMinutes: z.number().int().min(0).optional(),
  }),
);

export const ActivityRescheduled = defineEvent(
  'ActivityRescheduled',
  z.object({ window: Window, previousWindow: Window, reason: z.string() }),
);

/**
 * The venue or lecturer changed before the activity was held (a series edit reaches its occurrences
 * this way). Only the fields given change; what the activity had before is in its history.
 */
export const ActivityDetailsChanged = defineEvent(
  'ActivityDetailsChanged',
  z.object({ venue: z.string().optional(), lecturer: z.string().optional(), reason: z.string() }),
);

export const ActivityCancelled = defineEvent('ActivityCancelled', z.object({ reason: z.string() }));

export const ResidentRegistered = defineEvent('ResidentRegistered', z.object({ residentId: z.string() }));

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
    correction: z.object({ reason: z.string() }).optional(),
  }),
);

export const AttendanceRevoked = defineEvent(
  'AttendanceRevoked',
  z.object({ residentId: z.string(), reason: z.string() }),
);

export const ActivityHeld = defineEvent(
  'ActivityHeld',
  z.object({
    heldOn: Instant,
    summary: z.string(),
    lecturer: z.string().optional(),
    trainingPlan: z.string().optional(),
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
] as const;
