import {
  type ActivityCommand,
  type ActivityState,
  activityDecider,
  activitySnapshots,
} from '../../../domain/activity/activity.decider.js';
import { registrationOf } from '../../../domain/activity/registration.js';
import { type DomainError, isDomainError } from '../../../domain/shared/errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { DEFAULT_TIME_ZONE, resolveInstant } from '../../../domain/shared/time.js';
import type { Window } from '../../../events/index.js';
import { assertActsFor } from '../authorization.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { planFactsOf } from '../plan/plans.commands.js';
import { onRoster } from '../plan/roster.commands.js';
import type { Clock } from '../ports.js';

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
/** Cancelled at the clock's now: before the window opens, or refused. */
export type CancelRegistrationInput = Omit<Command<'CancelRegistration'>, 'now'>;
/** Where the registration left the resident: a place, or a place in line (1 = next to get a place). */
export type RegistrationStanding = { status: 'registered' } | { status: 'waitlisted'; position: number };
export type RecordHeldInput = Omit<Command<'RecordHeld'>, 'now'>;

export const SELF_ONLY = 'a resident may register or sign in only themselves';
const OWN_REGISTRATION = 'a resident may cancel only their own registration';

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
export const zoneOf = (state: ActivityState) =>
  state.status === 'none' ? DEFAULT_TIME_ZONE : state.timeZone;

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

/**
 * A resident registers themselves; staff register anyone. Whether they are on the roster is the
 * resident's stream's say. On a full activity they join the waitlist: the answer says where they stand.
 */
export async function registerResident(
  deps: ActivityCommandDeps,
  actor: CommandActor,
  input: RegisterResidentInput,
): Promise<CommandResult & { readonly registration?: RegistrationStanding }> {
  assertActsFor(actor.principal, input.residentId, SELF_ONLY);
  const residentKnown = await onRoster(deps.commands, actor.principal.community, input.residentId);
  // The line as the decision that was appended saw it (the builder runs again on a lost race).
  let lineAhead: number | undefined;
  const result = await onActivity(deps, actor, input.activityId, (state) => {
    lineAhead = state.status === 'none' ? 0 : state.waitlist.length;
    return {
      type: 'RegisterResident',
      activityId: input.activityId,
      residentId: input.residentId,
      residentKnown,
    };
  });
  if (isDomainError(result.outcome)) return result;
  const types = result.outcome.events.map((e) => e.type);
  if (types.includes('ResidentRegistered')) return { ...result, registration: { status: 'registered' } };
  if (types.includes('ResidentWaitlisted') && lineAhead !== undefined)
    return { ...result, registration: { status: 'waitlisted', position: lineAhead + 1 } };
  // A retry that found the commit of an attempt that died: where the resident stands now.
  const { state } = await deps.commands.load(
    activityDecider,
    streamIdOf(actor.principal.community, 'activity', input.activityId),
    activitySnapshots,
  );
  const standing = state.status === 'none' ? undefined : registrationOf(state, input.residentId);
  return standing ? { ...result, registration: standing } : result;
}

/** Gives up a place (the first in line gets it, in the same commit) or a place in line, before the window opens. */
export async function cancelRegistration(
  deps: ActivityCommandDeps & { readonly clock: Clock },
  actor: CommandActor,
  input: CancelRegistrationInput,
): Promise<CommandResult> {
  assertActsFor(actor.principal, input.residentId, OWN_REGISTRATION);
  const now = deps.clock.now().toISOString();
  return onActivity(deps, actor, input.activityId, { ...input, type: 'CancelRegistration', now });
}

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
