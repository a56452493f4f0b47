import {
  type ActivityCommand,
  type ActivityState,
  activityDecider,
  activitySnapshots,
} from '../../../domain/activity/activity.decider.js';
import type { DomainError } from '../../../domain/shared/errors.js';
import { DEFAULT_TIME_ZONE, resolveInstant } from '../../../domain/shared/time.js';
import type { Window } from '../../../events/index.js';
import { assertActsFor, isStaff } from '../authorization.js';
import { type CheckInTickets, checkedTicket } from '../check-in-tickets.js';
import type { CommandService } from '../command-handler.js';
import { ApplicationError } from '../errors.js';
import type { Clock } from '../ports.js';
import { type CommandActor, type CommandResult, executeOn } from './execute.js';
import { planFactsOf } from './plans.js';
import { onRoster } from './roster.js';

type Command<T extends ActivityCommand['type']> = Omit<Extract<ActivityCommand, { type: T }>, 'type'>;

export interface ActivityCommandDeps {
  readonly commands: CommandService;
}

/** A new activity: its id (issued by the caller's request) and the fields as given, dates in the plan's zone. */
export type PlanActivityInput = Omit<Command<'PlanActivity'>, 'plan'>;
export type RescheduleActivityInput = Command<'RescheduleActivity'>;
export type CancelActivityInput = Command<'CancelActivity'>;
export type ChangeActivityDetailsInput = Command<'ChangeActivityDetails'>;
export type RegisterResidentInput = Omit<Command<'RegisterResident'>, 'residentKnown'>;
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
export type RecordHeldInput = Omit<Command<'RecordHeld'>, 'now'>;

const SELF_ONLY = 'a resident may register or sign in only themselves';

/** Runs a command on one activity's stream (loaded from its snapshot when it is long). */
export const onActivity = (
  deps: ActivityCommandDeps,
  actor: CommandActor,
  activityId: string,
  command: ActivityCommand | ((state: ActivityState) => ActivityCommand | DomainError),
) =>
  executeOn(
    deps.commands,
    actor,
    { decider: activityDecider, kind: 'activity', id: activityId, snapshots: activitySnapshots },
    command,
  );

/** The zone an activity's dates are read in: its plan's (the default before it exists). */
const zoneOf = (state: ActivityState) => (state.status === 'none' ? DEFAULT_TIME_ZONE : state.timeZone);

const windowIn = (window: Window, timeZone: string): Window => ({
  start: resolveInstant(window.start, timeZone, 'start').toISOString(),
  end: resolveInstant(window.end, timeZone, 'end').toISOString(),
});

/** Plans an activity of a plan: the plan's stream says whether it exists, its year and its time zone. */
export async function planActivity(
  deps: ActivityCommandDeps,
  actor: CommandActor,
  input: PlanActivityInput,
): Promise<CommandResult> {
  const facts = await planFactsOf(deps.commands, actor.principal.community, input.planId);
  return onActivity(deps, actor, input.activityId, {
    ...input,
    type: 'PlanActivity',
    plan: facts,
    window: windowIn(input.window, facts?.timeZone ?? DEFAULT_TIME_ZONE),
  });
}

export const rescheduleActivity = (
  deps: ActivityCommandDeps,
  actor: CommandActor,
  input: RescheduleActivityInput,
): Promise<CommandResult> =>
  onActivity(deps, actor, input.activityId, (state) => ({
    type: 'RescheduleActivity',
    activityId: input.activityId,
    reason: input.reason,
    window: windowIn(input.window, zoneOf(state)),
  }));

/** A new venue or lecturer for an activity not yet held (nothing is written when it has them already). */
export const changeActivityDetails = (
  deps: ActivityCommandDeps,
  actor: CommandActor,
  input: ChangeActivityDetailsInput,
): Promise<CommandResult> =>
  onActivity(deps, actor, input.activityId, { ...input, type: 'ChangeActivityDetails' });

export const cancelActivity = (
  deps: ActivityCommandDeps,
  actor: CommandActor,
  input: CancelActivityInput,
): Promise<CommandResult> =>
  onActivity(deps, actor, input.activityId, {
    type: 'CancelActivity',
    activityId: input.activityId,
    reason: input.reason,
  });

/** A resident registers themselves; staff register anyone. Whether they are on the roster is the resident's stream's say. */
export async function registerResident(
  deps: ActivityCommandDeps,
  actor: CommandActor,
  input: RegisterResidentInput,
): Promise<CommandResult> {
  assertActsFor(actor.principal, input.residentId, SELF_ONLY);
  const residentKnown = await onRoster(deps.commands, actor.principal.community, input.residentId);
  return onActivity(deps, actor, input.activityId, {
    type: 'RegisterResident',
    activityId: input.activityId,
    residentId: input.residentId,
    residentKnown,
  });
}

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

/**
 * Records that the activity was held; `heldOn` is read in the activity's zone. A date alone means
 * some time that day: the whole day is judged against the window, not its first instant.
 */
export const recordHeld = (
  deps: ActivityCommandDeps & { readonly clock: Clock },
  actor: CommandActor,
  input: RecordHeldInput,
): Promise<CommandResult> =>
  onActivity(deps, actor, input.activityId, (state) => ({
    ...input,
    type: 'RecordHeld',
    now: deps.clock.now().toISOString(),
    heldOn: resolveInstant(input.heldOn, zoneOf(state), 'start').toISOString(),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn)
      ? {
          heldUntil: new Date(resolveInstant(input.heldOn, zoneOf(state), 'end').getTime() + 1).toISOString(),
        }
      : {}),
  }));
