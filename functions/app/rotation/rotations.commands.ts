import { createHash } from 'node:crypto';
import { activityDecider, activitySnapshots } from '../../../domain/activity/activity.decider.js';
import { seedKnownFrom, seedOfDay, shuffledRoster } from '../../../domain/rotation/draw.js';
import {
  type RotationCommand,
  type RotationState,
  rotationDecider,
  type SlotInput,
} from '../../../domain/rotation/rotation.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { localDate } from '../../../domain/shared/time.js';
import type { RotationParticipant } from '../../../events/index.js';
import type { DigestStore } from '../audit/digests.js';
import { writeDigestsFromHistory } from '../audit/history.js';
import type { CommandBuilder, CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { planFactsOf } from '../plan/plans.commands.js';
import type { Clock, EventStore } from '../ports.js';

export interface RotationCommandDeps {
  readonly commands: CommandService;
  readonly clock: Clock;
}

/** The draw reads the daily digests (and writes the days that have ended and have none yet). */
export interface DrawDeps extends RotationCommandDeps {
  readonly events: EventStore;
  readonly digests: Pick<DigestStore, 'list' | 'writeMissing' | 'digestedThrough' | 'latest'>;
}

/** A slot as the request names it: an activity of the plan, or a day with a label. */
export type SlotRequest = { readonly activityId: string } | { readonly date: string; readonly label: string };

export interface AnnounceRotationInput {
  /** Issued by the caller's request. */
  readonly rotationId: string;
  readonly planId: string;
  readonly title: string;
  readonly participants: readonly RotationParticipant[];
  readonly slots: readonly SlotRequest[];
  /** The UTC day whose daily digest seeds the draw. */
  readonly seedDay: string;
}

/** SHA-256 for the draw (the domain names the algorithm; the hash comes from Node). */
export const sha256 = (text: string): Uint8Array => createHash('sha256').update(text, 'utf8').digest();

const onRotation = (
  deps: RotationCommandDeps,
  actor: CommandActor,
  id: string,
  command: RotationCommand | CommandBuilder<RotationCommand, RotationState>,
) => executeOn(deps.commands, actor, { decider: rotationDecider, kind: 'rotation', id }, command);

/** An activity slot as the activity's stream has it: its plan, whether it is cancelled, its day in its zone. */
async function slotOf(deps: RotationCommandDeps, community: string, slot: SlotRequest): Promise<SlotInput> {
  if (!('activityId' in slot)) return slot;
  const { state } = await deps.commands.load(
    activityDecider,
    streamIdOf(community, 'activity', slot.activityId),
    activitySnapshots,
  );
  if (state.status === 'none') return { activityId: slot.activityId, activity: undefined };
  return {
    activityId: slot.activityId,
    activity: {
      planId: state.planId,
      cancelled: state.status === 'cancelled',
      date: localDate(state.window.start, state.timeZone),
    },
  };
}

/**
 * Announces a rotation: its roster, its slots and the UTC day whose digest will seed the draw, all
 * fixed now, before anyone can know that digest. The plan's and each activity's streams are read.
 */
export async function announceRotation(
  deps: RotationCommandDeps,
  actor: CommandActor,
  input: AnnounceRotationInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const [plan, slots] = await Promise.all([
    planFactsOf(deps.commands, community, input.planId),
    Promise.all(input.slots.map((slot) => slotOf(deps, community, slot))),
  ]);
  return onRotation(deps, actor, input.rotationId, {
    type: 'AnnounceRotation',
    ...input,
    slots,
    plan: plan && { year: plan.year, timeZone: plan.timeZone },
    today: deps.clock.now().toISOString().slice(0, 10),
  });
}

/** The seed and the drawn order, once the seed day has ended and its digest can be read. */
async function drawnWith(
  deps: DrawDeps,
  community: string,
  rotationId: string,
  state: RotationState,
  now: Date,
) {
  if (state.status !== 'announced' || now.getTime() < Date.parse(seedKnownFrom(state.seedDay)))
    return undefined;
  const through = await deps.digests.digestedThrough(community);
  if (!through || through < state.seedDay)
    await writeDigestsFromHistory(deps, community, now.toISOString().slice(0, 10));
  const seed = seedOfDay(await deps.digests.list(community), state.seedDay);
  if (!seed) return undefined;
  return { seed, order: shuffledRoster({ seed: seed.digest, rotationId, keys: state.keys }, sha256) };
}

/** Draws the rotation from the daily digest of its seed day (refused before that day has ended). */
export async function drawRotation(
  deps: DrawDeps,
  actor: CommandActor,
  input: { readonly rotationId: string },
): Promise<CommandResult> {
  const { community } = actor.principal;
  const now = deps.clock.now();
  // Decided on the state the command reads: the rotation's stream is read once.
  return onRotation(deps, actor, input.rotationId, async (state) => ({
    type: 'DrawRotation',
    rotationId: input.rotationId,
    at: now.toISOString(),
    drawn: await drawnWith(deps, community, input.rotationId, state, now),
  }));
}

/** Two slots change hands, for a reason, recorded as an event; the draw stays as drawn. */
export const swapSlots = (
  deps: RotationCommandDeps,
  actor: CommandActor,
  input: {
    readonly rotationId: string;
    readonly slotA: number;
    readonly slotB: number;
    readonly reason: string;
  },
): Promise<CommandResult> =>
  onRotation(deps, actor, input.rotationId, {
    type: 'SwapSlots',
    ...input,
    swappedBy: actor.principal.sub,
    at: deps.clock.now().toISOString(),
  });
