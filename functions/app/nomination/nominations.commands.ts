import { createHash } from 'node:crypto';
import {
  type NominationCommand,
  type NominationState,
  nominationDecider,
  type RoundFacts,
  type Someone,
} from '../../../domain/nomination/nomination.decider.js';
import { nominationErrors } from '../../../domain/nomination/nomination.errors.js';
import { roundDecider } from '../../../domain/nomination/round.decider.js';
import type { DomainError } from '../../../domain/shared/errors.js';
import { isDomainError } from '../../../domain/shared/errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { actsForJudge, assertActsFor, isStaff, ownResidentId } from '../authorization.js';
import type { CommandBuilder, CommandService } from '../command-handler.js';
import { ApplicationError, appErrors } from '../errors.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { residentState } from '../plan/roster.commands.js';
import type { Clock } from '../ports.js';

export interface NominationCommandDeps {
  readonly commands: CommandService;
  readonly clock: Clock;
}

/**
 * One nomination per household per round: its id is derived from both (a ULID-shaped digest under
 * the round's time prefix), so the store's conditional write is what refuses a second one.
 */
export function nominationIdFor(roundId: string, householdId: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const digest = createHash('sha256').update(`${roundId}\u0000${householdId}`).digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += alphabet[digest[i]! % 32];
  return roundId.slice(0, 10) + tail;
}

/** A resident as their own stream has them: enrolled, with their household, or nobody. */
async function someone(commands: CommandService, community: string, residentId: string | undefined) {
  if (!residentId) return undefined;
  const state = await residentState(commands, community, residentId);
  return (
    state.status === 'enrolled' ? { residentId, householdId: state.householdId } : undefined
  ) as Someone;
}

/** The round as its stream has it (never a view, so a command never waits on the projector). */
async function roundFacts(
  commands: CommandService,
  community: string,
  roundId: string,
): Promise<RoundFacts | DomainError> {
  const loaded = await commands.load(roundDecider, streamIdOf(community, 'round', roundId));
  return loaded.state.status === 'none' ? nominationErrors.roundNotFound(roundId) : loaded.state;
}

const onNomination = (
  deps: NominationCommandDeps,
  actor: CommandActor,
  nominationId: string,
  command: NominationCommand | CommandBuilder<NominationCommand, NominationState>,
) =>
  executeOn(
    deps.commands,
    actor,
    { decider: nominationDecider, kind: 'nomination', id: nominationId },
    command,
  );

/**
 * A command about an existing nomination, decided with its round's facts (or the round's absence):
 * the nomination's stream is read once, and names the round to read.
 */
function withRound(
  deps: NominationCommandDeps,
  actor: CommandActor,
  nominationId: string,
  command: (round: RoundFacts) => NominationCommand | Promise<NominationCommand>,
): Promise<CommandResult> {
  return onNomination(deps, actor, nominationId, async (state) => {
    if (state.status === 'none') throw appErrors.notFound(`nomination ${nominationId}`);
    const round = await roundFacts(deps.commands, actor.principal.community, state.roundId);
    return isDomainError(round) ? round : command(round);
  });
}

export interface NominateFamilyInput {
  readonly roundId: string;
  readonly householdId: string;
  readonly familyName: string;
  readonly nominatedBy: string;
  readonly consentBy?: string;
  readonly motto?: string;
  readonly story: string;
}

/**
 * Nominates a household, in the nominator's own name (staff for anyone). The residents' and the
 * judges' streams say who they are and where they live: the decider refuses an unknown nominator,
 * a missing consent and recuses a judge of the same household.
 */
export async function nominateFamily(
  deps: NominationCommandDeps,
  actor: CommandActor,
  input: NominateFamilyInput,
): Promise<CommandResult> {
  const { principal } = actor;
  assertActsFor(principal, input.nominatedBy, 'a resident nominates in their own name');
  const nominationId = nominationIdFor(input.roundId, input.householdId);
  const round = await roundFacts(deps.commands, principal.community, input.roundId);
  if (isDomainError(round)) return { id: nominationId, outcome: round };
  const [nominator, consenter, ...judges] = await Promise.all([
    someone(deps.commands, principal.community, input.nominatedBy),
    someone(deps.commands, principal.community, input.consentBy),
    ...round.judges.map((j) => someone(deps.commands, principal.community, j)),
  ]);
  const { roundId: _, ...fields } = input;
  return onNomination(deps, actor, nominationId, {
    type: 'NominateFamily',
    nominationId,
    round,
    now: deps.clock.now().toISOString(),
    ...fields,
    nominator,
    consenter,
    judgeHouseholds: Object.fromEntries(round.judges.map((j, i) => [j, judges[i]?.householdId])),
  });
}

/** A resident endorses a nomination in their own name; staff may endorse for a resident they name. */
export const endorseNomination = (
  deps: NominationCommandDeps,
  actor: CommandActor,
  input: { readonly nominationId: string; readonly residentId?: string },
): Promise<CommandResult> => {
  const { principal } = actor;
  const residentId = isStaff(principal) && input.residentId ? input.residentId : ownResidentId(principal);
  return withRound(deps, actor, input.nominationId, async (round) => ({
    type: 'EndorseNomination',
    round,
    now: deps.clock.now().toISOString(),
    residentId,
    endorser: await someone(deps.commands, principal.community, residentId),
  }));
};

/** A judge declares a conflict with a nomination (an admin may record one for them). */
export async function recuseJudge(
  deps: NominationCommandDeps,
  actor: CommandActor,
  input: { readonly nominationId: string; readonly judgeId: string; readonly reason: string },
): Promise<CommandResult> {
  if (!actsForJudge(actor.principal, input.judgeId)) {
    throw new ApplicationError('forbidden', 'forbidden', 'a judge recuses only themselves');
  }
  return withRound(deps, actor, input.nominationId, (round) => ({
    type: 'RecuseJudge',
    round,
    judgeId: input.judgeId,
    reason: input.reason,
  }));
}

/** The calling judge's scores on every criterion (a later score replaces the earlier one). */
export const scoreNomination = (
  deps: NominationCommandDeps,
  actor: CommandActor,
  input: { readonly nominationId: string; readonly scores: Readonly<Record<string, number>> },
): Promise<CommandResult> =>
  withRound(deps, actor, input.nominationId, (round) => ({
    type: 'ScoreNomination',
    round,
    now: deps.clock.now().toISOString(),
    // Judges are named by resident id in the round.
    judgeId: ownResidentId(actor.principal),
    scores: input.scores,
  }));

/** Withdraws a nomination of an existing round; the household may be nominated again. */
export const withdrawNomination = (
  deps: NominationCommandDeps,
  actor: CommandActor,
  input: { readonly nominationId: string; readonly reason: string },
): Promise<CommandResult> =>
  withRound(deps, actor, input.nominationId, () => ({ type: 'WithdrawNomination', reason: input.reason }));

/** The committee's decision, after scoring closes, with a written rationale. */
export const decideNomination = (
  deps: NominationCommandDeps,
  actor: CommandActor,
  input: {
    readonly nominationId: string;
    readonly outcome: 'awarded' | 'commended' | 'not-selected';
    readonly rationale: string;
  },
): Promise<CommandResult> =>
  withRound(deps, actor, input.nominationId, (round) => ({
    type: 'DecideNomination',
    round,
    now: deps.clock.now().toISOString(),
    outcome: input.outcome,
    rationale: input.rationale,
  }));
