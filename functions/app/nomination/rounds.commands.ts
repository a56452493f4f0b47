import { type RoundCommand, roundDecider } from '../../../domain/nomination/round.decider.js';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { resolveInstant } from '../../../domain/shared/time.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, commitMetadataOf } from '../execute.js';

export interface RoundCommandDeps {
  readonly commands: CommandService;
}

/** A new round: its id (issued by the caller's request) and the fields as given, dates in the plan's zone. */
export type OpenRoundInput = Omit<RoundCommand, 'type'>;

/**
 * Opens a "good family style" round of a plan. The plan's stream says whether it exists and the zone
 * a bare closing date is read in (the end of that day there).
 */
export async function openRound(
  deps: RoundCommandDeps,
  actor: CommandActor,
  input: OpenRoundInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const plan = await deps.commands.load(planDecider, streamIdOf(community, 'plan', input.planId));
  if (plan.state.status === 'none') return { id: input.roundId, outcome: planErrors.notFound(input.planId) };
  const { timeZone } = plan.state;
  const outcome = await deps.commands.execute({
    decider: roundDecider,
    community,
    streamId: streamIdOf(community, 'round', input.roundId),
    command: {
      type: 'OpenRound',
      ...input,
      nominationsClose: resolveInstant(input.nominationsClose, timeZone, 'end').toISOString(),
      scoringCloses: resolveInstant(input.scoringCloses, timeZone, 'end').toISOString(),
    },
    metadata: commitMetadataOf(actor),
    // A round is only ever opened, once: If-Match has nothing to guard here, as it never had.
    idempotency: actor.idempotency,
    fresh: actor.ids.issued(input.roundId),
  });
  return { id: input.roundId, outcome };
}
