import { planDecider } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { type PlanDetail, plansOfYear } from '../../../domain/plan/plan.view.js';
import {
  type RecognitionCommand,
  recognitionDecider,
} from '../../../domain/recognition/recognition.decider.js';
import type { DomainError } from '../../../domain/shared/errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { onRoster } from '../plan/roster.commands.js';
import type { ViewStore } from '../view-store.js';

export interface RecognitionCommandDeps {
  readonly commands: CommandService;
}

/** A good deed: its id (issued by the caller's request); without `planId`, the plan of the deed's year. */
export interface RecordGoodDeedInput {
  readonly deedId: string;
  readonly planId?: string | undefined;
  readonly residentIds: readonly string[];
  readonly title: string;
  readonly description: string;
  /** `yyyy-mm-dd`. */
  readonly date: string;
}

/** A model: its id (issued by the caller's request), the resident and the title they are named. */
export type NameModelInput = Omit<
  Extract<RecognitionCommand, { type: 'NameModel' }>,
  'type' | 'residentKnown'
>;

/**
 * The plan a deed belongs to: the one named (its stream says whether it exists), or the community's
 * plan of the deed's year, found in the plans list (no stream is keyed by year).
 */
async function planFor(
  deps: RecognitionCommandDeps & { readonly views: ViewStore },
  community: string,
  planId: string | undefined,
  date: string,
): Promise<string | DomainError> {
  if (planId) {
    const plan = await deps.commands.load(planDecider, streamIdOf(community, 'plan', planId));
    return plan.state.status === 'none' ? planErrors.notFound(planId) : planId;
  }
  const year = Number(date.slice(0, 4));
  const plans = await deps.views.list<PlanDetail>({
    ...plansOfYear(community, year),
    limit: 1,
  });
  return plans.items[0]?.data.planId ?? planErrors.notFound(`of ${year}`);
}

/** Adds an entry to the community's list of good deeds; residents not on the roster are refused. */
export async function recordGoodDeed(
  deps: RecognitionCommandDeps & { readonly views: ViewStore },
  actor: CommandActor,
  input: RecordGoodDeedInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const [planId, known] = await Promise.all([
    planFor(deps, community, input.planId, input.date),
    Promise.all(input.residentIds.map((id) => onRoster(deps.commands, community, id))),
  ]);
  if (typeof planId !== 'string') return { id: input.deedId, outcome: planId };
  return executeOn(
    deps.commands,
    actor,
    { decider: recognitionDecider, kind: 'deed', id: input.deedId },
    {
      type: 'RecordGoodDeed',
      deedId: input.deedId,
      planId,
      residentIds: input.residentIds,
      unknownResidents: input.residentIds.filter((_, i) => !known[i]),
      title: input.title,
      description: input.description,
      date: input.date,
    },
  );
}

/** Names a resident a model (one the roster does not know is refused). */
export async function nameModel(
  deps: RecognitionCommandDeps,
  actor: CommandActor,
  input: NameModelInput,
): Promise<CommandResult> {
  return executeOn(
    deps.commands,
    actor,
    { decider: recognitionDecider, kind: 'model', id: input.modelId },
    {
      ...input,
      type: 'NameModel',
      residentKnown: await onRoster(deps.commands, actor.principal.community, input.residentId),
    },
  );
}
