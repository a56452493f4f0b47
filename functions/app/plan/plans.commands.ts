import type { PlanFacts } from '../../../domain/activity/activity.decider.js';
import { type PlanCommand, planDecider } from '../../../domain/plan/plan.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { Target } from '../../../events/index.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';

export interface PlanCommandDeps {
  readonly commands: CommandService;
}

/** A new plan: its id (issued by the caller's request) and what it is. */
/**
 * What an activity or a series needs to know of its plan, from the plan's stream (not a view):
 * its year and time zone, or undefined when there is no such plan.
 */
export async function planFactsOf(
  commands: Pick<CommandService, 'load'>,
  community: string,
  planId: string,
): Promise<PlanFacts | undefined> {
  const plan = await commands.load(planDecider, streamIdOf(community, 'plan', planId));
  return plan.state.status === 'active'
    ? {
        planId,
        year: plan.state.year,
        timeZone: plan.state.timeZone,
        checkInMarginMinutes: plan.state.checkInMarginMinutes,
      }
    : undefined;
}

export type CreatePlanInput = Omit<Extract<PlanCommand, { type: 'CreatePlan' }>, 'type'>;

export interface SetTargetInput {
  readonly planId: string;
  /** Without a `targetId`, the target is a new one and takes `newTargetId` (lowercased). */
  readonly target: Omit<Target, 'targetId'> & { readonly targetId?: string | undefined };
  readonly newTargetId: string;
}

const onPlan = (deps: PlanCommandDeps, actor: CommandActor, planId: string, command: PlanCommand) =>
  executeOn(deps.commands, actor, { decider: planDecider, kind: 'plan', id: planId }, command);

export const createPlan = (
  deps: PlanCommandDeps,
  actor: CommandActor,
  input: CreatePlanInput,
): Promise<CommandResult> => onPlan(deps, actor, input.planId, { ...input, type: 'CreatePlan' });

/** Sets or changes a target; the answer names the target. */
export async function setTarget(
  deps: PlanCommandDeps,
  actor: CommandActor,
  input: SetTargetInput,
): Promise<CommandResult> {
  // A made-up id is a ULID like every other id the API hands out (a caller may still name its own slug).
  const targetId = input.target.targetId ?? input.newTargetId;
  const { outcome } = await onPlan(deps, actor, input.planId, {
    type: 'SetTarget',
    planId: input.planId,
    target: { ...input.target, targetId },
  });
  return { id: targetId, outcome };
}
