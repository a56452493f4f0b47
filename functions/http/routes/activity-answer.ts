import * as z from 'zod';
import { ActivityDetail, AttendeeRow } from '../../../domain/activity/activity.view.js';

/**
 * An activity as the API answers it (`GET /activities[/{id}]`): the activity detail view, its
 * version and, for staff, the attendee list.
 */
export const Activity = ActivityDetail.extend({
  version: z.number().int(),
  attendees: z.array(AttendeeRow).optional().describe('organizers and admins only'),
}).meta({ id: 'Activity' });
