import type { PlanFacts } from '../../../domain/activity/activity.decider.js';
import { type PlanCommand, planDecider, type RosterStanding } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { Person, Target } from '../../../events/index.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import type { PersonalDataCipher } from '../personal-data.js';
import { rosterStanding } from './roster.commands.js';

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

export interface AppointOrganizingGroupInput {
  readonly planId: string;
  readonly leader: Person;
  readonly deputies: readonly Person[];
  readonly members: readonly Person[];
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

/**
 * Appoints the organizing group. Each resident it names is looked up on their own stream; an
 * enrolled one's name and email enter the plan's history encrypted with a key of their ring, so
 * erasing them reaches this group too (others are refused by the decider, unencrypted).
 */
export async function appointOrganizingGroup(
  deps: PlanCommandDeps & { readonly personalData: Pick<PersonalDataCipher, 'protectIn'> },
  actor: CommandActor,
  input: AppointOrganizingGroupInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const streamId = streamIdOf(community, 'plan', input.planId);
  // No keys are made for a plan that does not exist (the decider would refuse it anyway).
  const plan = await deps.commands.load(planDecider, streamId);
  if (plan.state.status === 'none') return { id: input.planId, outcome: planErrors.notFound(input.planId) };
  const named = [input.leader, ...input.deputies, ...input.members].flatMap((p) =>
    p.residentId ? [p.residentId] : [],
  );
  const roster: Record<string, RosterStanding> = Object.fromEntries(
    await Promise.all(
      [...new Set(named)].map(async (residentId) => [
        residentId,
        await rosterStanding(deps.commands, community, residentId),
      ]),
    ),
  );
  const sealed = (person: Person) =>
    person.residentId && roster[person.residentId] === 'enrolled'
      ? deps.personalData.protectIn(community, person.residentId, streamId, person)
      : person;
  return onPlan(deps, actor, input.planId, {
    type: 'AppointOrganizingGroup',
    planId: input.planId,
    leader: await sealed(input.leader),
    deputies: await Promise.all(input.deputies.map(sealed)),
    members: await Promise.all(input.members.map(sealed)),
    roster,
  });
}
