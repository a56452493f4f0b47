import * as z from 'zod';
import { ActivityDetail } from '../../../domain/activity/activity.view.js';
import { AttendeeRow } from '../../../domain/activity/attendee.view.js';
import { RegistrationRow } from '../../../domain/activity/registration.view.js';

/**
 * An activity as the API answers it (`GET /activities[/{id}]`): the activity detail view, its
 * version and, for staff, the attendee list and the registrations (with the waitlist in order).
 */
export const Activity = ActivityDetail.extend({
  version: z.number().int(),
  attendees: z.array(AttendeeRow).optional().describe('organizers and admins only'),
  registrations: z
    .array(
      RegistrationRow.extend({
        waitlistPosition: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('waitlisted: place in line (1 = next)'),
      }),
    )
    .optional()
    .describe(
      'organizers and admins only: the registered, then the waitlist in line order, then the cancelled',
    ),
}).meta({ id: 'Activity' });
