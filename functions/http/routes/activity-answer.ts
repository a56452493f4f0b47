import * as z from 'zod';
import { AttendanceMethod, Category, Format } from '../../../events/index.js';

/**
 * An activity as the API answers it (`GET /activities[/{id}]`): the activity detail view, its
 * version and, for staff, the attendee list.
 */
const WindowView = z.object({ start: z.string(), end: z.string() });
const Attendee = z.object({
  residentId: z.string(),
  status: z.enum(['attended', 'revoked']),
  method: AttendanceMethod,
  at: z.string(),
  recordedAt: z.string(),
  revokedReason: z.string().optional(),
});

export const Activity = z
  .object({
    activityId: z.string(),
    planId: z.string(),
    category: Category,
    format: Format,
    title: z.string(),
    description: z.string().optional(),
    window: WindowView,
    timeZone: z.string(),
    venue: z.string().optional(),
    organizerUnit: z.string().optional(),
    partnerUnits: z.array(z.string()).optional(),
    audience: z.string().optional(),
    capacity: z.number().optional(),
    lecturer: z.string().optional(),
    status: z.enum(['planned', 'cancelled', 'held']),
    registeredCount: z.number(),
    attendanceCount: z.number(),
    plannedAt: z.string(),
    rescheduled: z.array(z.object({ from: WindowView, to: WindowView, reason: z.string(), at: z.string() })),
    cancelled: z.object({ reason: z.string(), at: z.string() }).nullable(),
    held: z
      .object({
        heldOn: z.string(),
        summary: z.string(),
        lecturer: z.string().optional(),
        trainingPlan: z.string().optional(),
        headcount: z.number().optional(),
        heldWithinWindow: z.boolean(),
        recordedAt: z.string(),
      })
      .nullable(),
    version: z.number().int(),
    attendees: z.array(Attendee).optional().describe('organizers and admins only'),
  })
  .meta({ id: 'Activity' });
