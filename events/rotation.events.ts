import * as z from 'zod';
import type { EventOf } from './define.js';
import { defineEvent } from './define.js';
import { freeText } from './personal-data.js';

export const ParticipantKind = z.enum(['unit', 'school']);
export type ParticipantKind = z.infer<typeof ParticipantKind>;

/** A unit or school on a rotation's roster; `key` is the committee's short name for it. */
export const RotationParticipant = z.object({ key: z.string(), name: z.string(), kind: ParticipantKind });
export type RotationParticipant = z.infer<typeof RotationParticipant>;

/** A performance slot: numbered from 1 in date order; an activity's slot names it. */
export const RotationSlot = z.object({
  number: z.number().int().min(1),
  /** `yyyy-mm-dd` in the plan's time zone. */
  date: z.string(),
  label: z.string().optional(),
  activityId: z.string().optional(),
});
export type RotationSlot = z.infer<typeof RotationSlot>;

/**
 * The roster and the slots, fixed before anyone can know the seed: the draw uses the daily digest
 * of `seedDay` (a UTC day after the announcement), with the algorithm named here.
 */
export const RotationAnnounced = defineEvent(
  'RotationAnnounced',
  z.object({
    rotationId: z.string(),
    planId: z.string(),
    title: z.string(),
    timeZone: z.string(),
    participants: z.array(RotationParticipant).min(1),
    slots: z.array(RotationSlot).min(1),
    seedDay: z.string(),
    algorithm: z.string(),
  }),
);

/**
 * The draw: the seed it used (the chain's digest at the end of `day`: the digest of `digestDay`, the
 * last day up to `day` that had commits), the shuffled roster and each slot's participant.
 */
export const RotationDrawn = defineEvent(
  'RotationDrawn',
  z.object({
    seed: z.object({ day: z.string(), digestDay: z.string(), digest: z.string() }),
    algorithm: z.string(),
    order: z.array(z.string()),
    assignments: z.array(z.object({ slot: z.number().int().min(1), participant: z.string() })),
  }),
);

/** Two slots change hands; the draw stays as it was drawn. */
export const RotationSlotsSwapped = defineEvent(
  'RotationSlotsSwapped',
  z.object({
    slotA: z.number().int().min(1),
    slotB: z.number().int().min(1),
    /** Who held each slot before the swap. */
    participantA: z.string(),
    participantB: z.string(),
    reason: freeText(),
    swappedBy: z.string(),
  }),
);

export const rotationEvents = [RotationAnnounced, RotationDrawn, RotationSlotsSwapped] as const;
export type RotationEvent =
  | EventOf<typeof RotationAnnounced>
  | EventOf<typeof RotationDrawn>
  | EventOf<typeof RotationSlotsSwapped>;
