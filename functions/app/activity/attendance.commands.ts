import type { ActivityCommand } from '../../../domain/activity/activity.decider.js';
import { resolveInstant } from '../../../domain/shared/time.js';
import { assertActsFor, isStaff } from '../authorization.js';
import { type CheckInTickets, checkedTicket } from '../check-in-tickets.js';
import { ApplicationError } from '../errors.js';
import type { CommandActor, CommandResult } from '../execute.js';
import { onRoster } from '../plan/roster.commands.js';
import type { Clock } from '../ports.js';

type Command<T extends ActivityCommand['type']> = Omit<Extract<ActivityCommand, { type: T }>, 'type'>;

import { type ActivityCommandDeps, onActivity, SELF_ONLY, zoneOf } from './activities.commands.js';

/**
 * Check-in (issue 25, 28): who may record an attendance, when, and by which means.
 */

/**
 * A check-in as a caller asks for it: a resident's own (`qr`, with the sheet's ticket), a kiosk's scan
 * (`at`: the scan time) or an organizer's entry (at the server's clock; dated with `at` only as a
 * `correction`).
 */
export interface RecordAttendanceInput {
  readonly activityId: string;
  readonly residentId: string;
  readonly method: 'qr' | 'kiosk' | 'organizer';
  readonly at?: string;
  readonly ticket?: string;
  readonly correction?: { readonly reason: string };
}
export type RevokeAttendanceInput = Command<'RevokeAttendance'>;

const refused = (code: string, detail: string) => new ApplicationError('invalid-input', code, detail);

/** Who may check in how: a resident only themselves, by the sheet's QR code, at the server's clock. */
function assertMayCheckIn(actor: CommandActor, input: RecordAttendanceInput): void {
  assertActsFor(actor.principal, input.residentId, SELF_ONLY);
  const staff = isStaff(actor.principal);
  if (!staff && input.method !== 'qr')
    throw new ApplicationError(
      'forbidden',
      'forbidden',
      "a resident checks in with the sign-in sheet's QR code (method qr); kiosks and entries are organizers'",
    );
  if (!staff && (input.at !== undefined || input.correction))
    throw new ApplicationError(
      'forbidden',
      'forbidden',
      "a resident's check-in is timed by the server's clock",
    );
  if (input.correction && input.method !== 'organizer')
    throw refused('correction-needs-organizer', "a correction is an organizer's entry (method organizer)");
  if (input.method === 'qr' && input.at !== undefined)
    throw refused('check-in-time-not-allowed', "a qr check-in is timed by the server's clock: give no `at`");
  if (input.method === 'organizer' && input.at !== undefined && !input.correction)
    throw refused(
      'check-in-time-not-allowed',
      "an organizer's entry is timed by the server's clock; a sign-in dated otherwise is a correction (give its reason)",
    );
}

/**
 * A resident checks themselves in with the sign-in sheet's ticket; staff enter anyone, and a kiosk
 * sends its scans with their scan time. Each is judged by the activity's check-in bounds at the time
 * of the check-in; `at` is read in the activity's zone.
 */
export async function recordAttendance(
  deps: ActivityCommandDeps & { readonly clock: Clock; readonly tickets: CheckInTickets },
  actor: CommandActor,
  input: RecordAttendanceInput,
): Promise<CommandResult> {
  assertMayCheckIn(actor, input);
  const now = deps.clock.now();
  const ticket =
    input.method === 'qr'
      ? await checkedTicket(
          deps.tickets,
          input.ticket,
          { community: actor.principal.community, activityId: input.activityId },
          now,
        )
      : undefined;
  const residentKnown = await onRoster(deps.commands, actor.principal.community, input.residentId);
  return onActivity(deps, actor, input.activityId, (state) => ({
    type: 'RecordAttendance',
    activityId: input.activityId,
    residentId: input.residentId,
    residentKnown,
    method: input.method,
    at: input.at ? resolveInstant(input.at, zoneOf(state), 'start').toISOString() : now.toISOString(),
    now: now.toISOString(),
    ...(input.correction ? { correction: input.correction } : {}),
    ...(ticket ? { ticketWindow: ticket.window } : {}),
  }));
}

export const revokeAttendance = (
  deps: ActivityCommandDeps,
  actor: CommandActor,
  input: RevokeAttendanceInput,
): Promise<CommandResult> =>
  onActivity(deps, actor, input.activityId, {
    type: 'RevokeAttendance',
    activityId: input.activityId,
    residentId: input.residentId,
    reason: input.reason,
  });
