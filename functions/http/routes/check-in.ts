import * as z from 'zod';
import { ActivityDetail } from '../../../domain/activity/activity.view.js';
import { AttendanceMethod } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import { checkInLinkOf, kioskOf } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { DateOrDateTime, Id, trimmed } from '../schemas.js';

/** A check-in as `POST /activities/{id}/attendance` takes it: a resident's own, a kiosk's scan, an organizer's entry. */
export const AttendanceBody = z
  .object({
    residentId: Id,
    method: AttendanceMethod.describe(
      "qr: a resident's own check-in from the sign-in sheet's QR code (needs its ticket; timed by the server's clock); kiosk: an organizer's kiosk sends a scan (timed by its scan time, up to 7 days late); organizer: an organizer's entry (timed by the server's clock)",
    ),
    at: DateOrDateTime.optional().describe(
      "A kiosk's scan time, or the time of an organizer's correction; not given for qr check-ins and plain entries",
    ),
    ticket: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .describe("The check-in ticket of the sign-in sheet's QR code (`t` in its URL): required for qr"),
    correction: z
      .object({ reason: trimmed(1000) })
      .strict()
      .optional()
      .describe(
        "An organizer's correction: records a sign-in outside the check-in bounds (at `at`, default now), and the record says so",
      ),
  })
  .strict()
  .meta({ id: 'RecordAttendance' });

const ActivityParams = z.object({ activityId: Id });

const CheckInLink = z
  .object({
    activityId: z.string(),
    url: z
      .string()
      .describe("The check-in page for this activity, with its ticket: what the sheet's QR code holds"),
    ticket: z.string().describe('The signed check-in ticket (`ticket` of a qr check-in)'),
    opens: z.string().describe('When check-in opens: the window less the plan’s margin'),
    expires: z.string().describe('When check-in closes and the ticket expires: the window plus the margin'),
  })
  .meta({ id: 'CheckInLink' });

const Kiosk = z
  .object({
    activity: ActivityDetail,
    checkIn: z.object({ opens: z.string(), closes: z.string() }),
    registered: z.array(
      z.object({
        residentId: z.string(),
        name: z.string().optional().describe('absent once the resident was erased'),
        householdId: z.string().optional(),
        building: z.string().optional(),
        checkedIn: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Kiosk' });

/** What a check-in needs besides the command: the QR code's link, and a kiosk's list at the door. */
export const checkInRoutes = [
  defineRoute({
    method: 'GET',
    path: '/activities/{activityId}/check-in-link',
    operationId: 'getCheckInLink',
    summary:
      "The activity's check-in page with a signed ticket, good until check-in closes (what the sign-in sheet's QR code holds; show it on a screen as well)",
    tag: 'Activities',
    kind: 'query',
    roles: [...roleSets.staff],
    params: ActivityParams,
    response: { status: 200, description: 'The check-in link', schema: CheckInLink },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await checkInLinkOf(deps, principal, params) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/activities/{activityId}/kiosk',
    operationId: 'getKiosk',
    summary:
      'What a kiosk at the door loads once and keeps offline: the activity, its check-in bounds, the registered residents by name and whether each is in',
    tag: 'Activities',
    kind: 'query',
    roles: [...roleSets.staff],
    params: ActivityParams,
    response: { status: 200, description: 'The kiosk’s list', schema: Kiosk },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await kioskOf(deps, principal, params) };
    },
  }),
];
