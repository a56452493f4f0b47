import type { RosterStanding } from '../../../domain/plan/plan.decider.js';
import { type ResidentState, residentDecider } from '../../../domain/resident/resident.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { CommandService } from '../command-handler.js';

/** A resident's state as their own stream has it (the write model: never a view that may lag). */
export async function residentState(
  commands: CommandService,
  community: string,
  residentId: string,
): Promise<ResidentState> {
  return (await commands.load(residentDecider, streamIdOf(community, 'resident', residentId))).state;
}

/** Whether the resident was ever enrolled (an erased resident still is: their attendance counts). */
export const onRoster = async (commands: CommandService, community: string, residentId: string) =>
  (await residentState(commands, community, residentId)).status === 'enrolled';

/** Enrolled, erased or unknown: what a plan's organizing group is decided on. */
export async function rosterStanding(
  commands: CommandService,
  community: string,
  residentId: string,
): Promise<RosterStanding> {
  const state = await residentState(commands, community, residentId);
  if (state.status === 'unknown') return 'unknown';
  return state.erased ? 'erased' : 'enrolled';
}
