import type { RotationEvent, RotationParticipant, RotationSlot } from '../../events/index.js';
import { planErrors } from '../plan/plan.errors.js';
import type { Decider } from '../shared/decider.js';
import type { DomainError } from '../shared/errors.js';
import { localDate } from '../shared/time.js';
import { assignSlots, DRAW_ALGORITHM, seedKnownFrom } from './draw.js';
import { rotationErrors } from './rotation.errors.js';

/** A slot as the committee names it: a day with a label, or an activity the handler looked up. */
export type SlotInput =
  | { readonly date: string; readonly label: string }
  | {
      readonly activityId: string;
      /** The activity as its stream has it (absent if it does not exist); `date` in the plan's zone. */
      readonly activity:
        | { readonly planId: string; readonly cancelled: boolean; readonly date: string }
        | undefined;
    };

export type RotationCommand =
  | {
      readonly type: 'AnnounceRotation';
      readonly rotationId: string;
      readonly planId: string;
      /** The plan as its stream has it; absent if it does not exist. */
      readonly plan: { readonly year: number; readonly timeZone: string } | undefined;
      readonly title: string;
      readonly participants: readonly RotationParticipant[];
      readonly slots: readonly SlotInput[];
      readonly seedDay: string;
      /** The UTC day the announcement is made. */
      readonly today: string;
    }
  | {
      readonly type: 'DrawRotation';
      readonly rotationId: string;
      readonly at: string;
      /** The seed the digests give for the seed day, and the roster shuffled with it (absent when none is written). */
      readonly drawn: { readonly seed: DrawnSeed; readonly order: readonly string[] } | undefined;
    }
  | {
      readonly type: 'SwapSlots';
      readonly rotationId: string;
      readonly slotA: number;
      readonly slotB: number;
      readonly reason: string;
      readonly swappedBy: string;
      readonly at: string;
    };

export type DrawnSeed = { readonly day: string; readonly digestDay: string; readonly digest: string };

export type RotationState =
  | { readonly status: 'none' }
  | {
      readonly status: 'announced' | 'drawn';
      readonly timeZone: string;
      readonly seedDay: string;
      readonly keys: readonly string[];
      readonly slots: readonly { readonly number: number; readonly date: string }[];
      /** The current holder of each slot (index = number − 1), once drawn. */
      readonly holders: readonly string[];
      readonly swaps: number;
    };

export const MAX_SWAPS = 200;

/** The slots of an announcement in date order (a day's slots keep the order given), numbered from 1. */
function numberedSlots(
  command: Extract<RotationCommand, { type: 'AnnounceRotation' }>,
  year: number,
): RotationSlot[] | DomainError {
  const seen = new Set<string>();
  const slots: Omit<RotationSlot, 'number'>[] = [];
  for (const slot of command.slots) {
    if ('activityId' in slot) {
      const { activityId, activity } = slot;
      if (seen.has(activityId)) return rotationErrors.duplicateSlot(activityId);
      seen.add(activityId);
      if (!activity) return rotationErrors.activityNotFound(activityId);
      if (activity.planId !== command.planId) return rotationErrors.activityOfAnotherPlan(activityId);
      if (activity.cancelled) return rotationErrors.activityCancelled(activityId);
      slots.push({ date: activity.date, activityId });
    } else {
      if (Number(slot.date.slice(0, 4)) !== year) return rotationErrors.slotOutsidePlanYear(slot.date, year);
      slots.push({ date: slot.date, label: slot.label });
    }
  }
  return slots
    .map((slot, given) => ({ slot, given }))
    .sort((a, b) => (a.slot.date === b.slot.date ? a.given - b.given : a.slot.date < b.slot.date ? -1 : 1))
    .map(({ slot }, i) => ({ number: i + 1, ...slot }));
}

function announce(
  command: Extract<RotationCommand, { type: 'AnnounceRotation' }>,
): RotationEvent[] | DomainError {
  const { plan } = command;
  if (!plan) return planErrors.notFound(command.planId);
  const keys = new Set<string>();
  for (const p of command.participants) {
    if (keys.has(p.key)) return rotationErrors.duplicateParticipant(p.key);
    keys.add(p.key);
  }
  const slots = numberedSlots(command, plan.year);
  if (!Array.isArray(slots)) return slots;
  if (command.seedDay <= command.today) return rotationErrors.seedDayNotAhead(command.seedDay, command.today);
  if (command.seedDay >= slots[0]!.date)
    return rotationErrors.seedDayAfterFirstSlot(command.seedDay, slots[0]!.date);
  const { rotationId, planId, title, participants, seedDay } = command;
  return [
    {
      type: 'RotationAnnounced',
      data: {
        rotationId,
        planId,
        title,
        timeZone: plan.timeZone,
        participants: [...participants],
        slots,
        seedDay,
        algorithm: DRAW_ALGORITHM,
      },
    },
  ];
}

function swap(
  command: Extract<RotationCommand, { type: 'SwapSlots' }>,
  state: Extract<RotationState, { status: 'announced' | 'drawn' }>,
): RotationEvent[] | DomainError {
  if (state.status !== 'drawn') return rotationErrors.notDrawn();
  if (command.slotA === command.slotB) return rotationErrors.sameSlot();
  const today = localDate(command.at, state.timeZone);
  for (const number of [command.slotA, command.slotB]) {
    const slot = state.slots[number - 1];
    if (!slot) return rotationErrors.slotNotFound(number, state.slots.length);
    if (slot.date < today) return rotationErrors.slotPassed(number, slot.date);
  }
  const participantA = state.holders[command.slotA - 1]!;
  const participantB = state.holders[command.slotB - 1]!;
  if (participantA === participantB) return rotationErrors.sameParticipant(participantA);
  if (state.swaps >= MAX_SWAPS) return rotationErrors.tooManySwaps(MAX_SWAPS);
  const { slotA, slotB, reason, swappedBy } = command;
  return [
    { type: 'RotationSlotsSwapped', data: { slotA, slotB, participantA, participantB, reason, swappedBy } },
  ];
}

/** A rotation of units and schools over a plan's performance slots, drawn from a seed fixed in advance. */
export const rotationDecider: Decider<RotationCommand, RotationState, RotationEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'AnnounceRotation') {
      return state.status === 'none' ? announce(command) : rotationErrors.alreadyExists(command.rotationId);
    }
    if (state.status === 'none') return rotationErrors.notFound(command.rotationId);
    if (command.type === 'SwapSlots') return swap(command, state);
    if (state.status === 'drawn') return rotationErrors.alreadyDrawn();
    const from = seedKnownFrom(state.seedDay);
    if (Date.parse(command.at) < Date.parse(from)) return rotationErrors.seedNotYetKnown(state.seedDay, from);
    if (!command.drawn) return rotationErrors.seedMissing(state.seedDay);
    const { seed, order } = command.drawn;
    if (
      order.length !== state.keys.length ||
      [...order].sort().join('\n') !== [...state.keys].sort().join('\n')
    )
      return rotationErrors.orderNotRoster();
    return [
      {
        type: 'RotationDrawn',
        data: {
          seed,
          algorithm: DRAW_ALGORITHM,
          order: [...order],
          assignments: assignSlots(order, state.slots.length),
        },
      },
    ];
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RotationAnnounced':
        return {
          status: 'announced',
          timeZone: event.data.timeZone,
          seedDay: event.data.seedDay,
          keys: event.data.participants.map((p) => p.key),
          slots: event.data.slots.map(({ number, date }) => ({ number, date })),
          holders: [],
          swaps: 0,
        };
      case 'RotationDrawn':
        return state.status === 'none'
          ? state
          : { ...state, status: 'drawn', holders: event.data.assignments.map((a) => a.participant) };
      case 'RotationSlotsSwapped': {
        if (state.status === 'none') return state;
        const holders = [...state.holders];
        holders[event.data.slotA - 1] = event.data.participantB;
        holders[event.data.slotB - 1] = event.data.participantA;
        return { ...state, holders, swaps: state.swaps + 1 };
      }
      default:
        return state;
    }
  },
};
