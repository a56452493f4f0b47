import { describe, expect, it } from 'vitest';
import { DRAW_ALGORITHM } from '../../../domain/rotation/draw.js';
import {
  MAX_SWAPS,
  type RotationCommand,
  rotationDecider,
} from '../../../domain/rotation/rotation.decider.js';
import type { RotationEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

const participants = [
  { key: 'school-1', name: 'No. 1 Primary School', kind: 'school' as const },
  { key: 'police', name: 'Police station', kind: 'unit' as const },
  { key: 'clinic', name: 'Community clinic', kind: 'unit' as const },
];
const announce: Extract<RotationCommand, { type: 'AnnounceRotation' }> = {
  type: 'AnnounceRotation',
  rotationId: 'R1',
  planId: 'P1',
  plan: { year: 2026, timeZone: 'Asia/Shanghai' },
  title: 'Square performances',
  participants,
  slots: [
    { date: '2026-07-01', label: 'July 1' },
    { activityId: 'A1', activity: { planId: 'P1', cancelled: false, date: '2026-06-01' } },
    { date: '2026-10-01', label: 'National Day' },
    { date: '2026-07-01', label: 'July 1, evening' },
  ],
  seedDay: '2026-05-10',
  today: '2026-05-04',
};
const announced: RotationEvent = {
  type: 'RotationAnnounced',
  data: {
    rotationId: 'R1',
    planId: 'P1',
    title: 'Square performances',
    timeZone: 'Asia/Shanghai',
    participants,
    slots: [
      { number: 1, date: '2026-06-01', activityId: 'A1' },
      { number: 2, date: '2026-07-01', label: 'July 1' },
      { number: 3, date: '2026-07-01', label: 'July 1, evening' },
      { number: 4, date: '2026-10-01', label: 'National Day' },
    ],
    seedDay: '2026-05-10',
    algorithm: DRAW_ALGORITHM,
  },
};
const seed = { day: '2026-05-10', digestDay: '2026-05-09', digest: 'a'.repeat(64) };
const draw = (at: string, order?: string[]): RotationCommand => ({
  type: 'DrawRotation',
  rotationId: 'R1',
  at,
  drawn: order && { seed, order },
});
const drawn: RotationEvent = {
  type: 'RotationDrawn',
  data: {
    seed,
    algorithm: DRAW_ALGORITHM,
    order: ['clinic', 'school-1', 'police'],
    assignments: [
      { slot: 1, participant: 'clinic' },
      { slot: 2, participant: 'school-1' },
      { slot: 3, participant: 'police' },
      { slot: 4, participant: 'clinic' },
    ],
  },
};
const swap = (slotA: number, slotB: number, at = '2026-05-20T02:00:00Z'): RotationCommand => ({
  type: 'SwapSlots',
  rotationId: 'R1',
  slotA,
  slotB,
  reason: 'exams',
  swappedBy: 'organizer-1',
  at,
});

describe('rotation decider: announcing', () => {
  it('fixes the roster, numbers the slots in date order (a day’s slots as given) and names the algorithm', () => {
    given(rotationDecider, []).when(announce).then([announced]);
  });
  it('refuses an unknown plan, a second announcement, duplicates and slots outside the plan', () => {
    given(rotationDecider, [])
      .when({ ...announce, plan: undefined })
      .then({ code: 'plan-not-found' });
    given(rotationDecider, [announced]).when(announce).then({ code: 'rotation-already-exists' });
    given(rotationDecider, [])
      .when({ ...announce, participants: [...participants, participants[0]!] })
      .then({ code: 'duplicate-participant', category: 'invalid' });
    given(rotationDecider, [])
      .when({ ...announce, slots: [{ date: '2027-01-01', label: 'x' }] })
      .then({ code: 'slot-outside-plan-year' });
    const activity = (a: { planId: string; cancelled: boolean; date: string } | undefined) => ({
      ...announce,
      slots: [{ activityId: 'A9', activity: a }],
    });
    given(rotationDecider, []).when(activity(undefined)).then({ code: 'activity-not-found' });
    given(rotationDecider, [])
      .when(activity({ planId: 'P2', cancelled: false, date: '2026-06-01' }))
      .then({ code: 'activity-of-another-plan' });
    given(rotationDecider, [])
      .when(activity({ planId: 'P1', cancelled: true, date: '2026-06-01' }))
      .then({ code: 'activity-cancelled', category: 'conflict' });
    given(rotationDecider, [])
      .when({ ...announce, slots: [...announce.slots, announce.slots[1]!] })
      .then({ code: 'duplicate-slot' });
  });
  it('takes a seed day nobody knows yet (after today, UTC) and before the first slot', () => {
    given(rotationDecider, [])
      .when({ ...announce, seedDay: '2026-05-04' })
      .then({ code: 'seed-day-not-ahead' });
    given(rotationDecider, [])
      .when({ ...announce, seedDay: '2026-06-01' })
      .then({ code: 'seed-day-after-first-slot' });
  });
});

describe('rotation decider: drawing', () => {
  it('is refused until the seed day has ended, saying from when', () => {
    given(rotationDecider, [announced])
      .when(draw('2026-05-10T23:59:59Z', ['clinic', 'school-1', 'police']))
      .then({ code: 'seed-not-yet-known', category: 'conflict' });
  });
  it('is refused while no digest up to the seed day is written', () => {
    given(rotationDecider, [announced])
      .when(draw('2026-05-11T00:00:00Z'))
      .then({ code: 'seed-digest-missing' });
  });
  it('records the seed, the algorithm, the drawn order and the slots round-robin over it', () => {
    given(rotationDecider, [announced])
      .when(draw('2026-05-11T00:00:00Z', ['clinic', 'school-1', 'police']))
      .then([drawn]);
  });
  it('happens once, on a rotation that exists, with an order that is the roster', () => {
    given(rotationDecider, [announced, drawn])
      .when(draw('2026-05-12T00:00:00Z', ['clinic', 'school-1', 'police']))
      .then({ code: 'rotation-already-drawn' });
    given(rotationDecider, [])
      .when(draw('2026-05-12T00:00:00Z', ['a']))
      .then({ code: 'rotation-not-found' });
    given(rotationDecider, [announced])
      .when(draw('2026-05-12T00:00:00Z', ['clinic', 'school-1', 'school-1']))
      .then({ code: 'draw-order-not-roster' });
  });
});

describe('rotation decider: swaps', () => {
  it('records who held each slot; a later swap sees the earlier one', () => {
    const swapped: RotationEvent = {
      type: 'RotationSlotsSwapped',
      data: {
        slotA: 1,
        slotB: 2,
        participantA: 'clinic',
        participantB: 'school-1',
        reason: 'exams',
        swappedBy: 'organizer-1',
      },
    };
    given(rotationDecider, [announced, drawn]).when(swap(1, 2)).then([swapped]);
    given(rotationDecider, [announced, drawn, swapped])
      .when(swap(2, 3))
      .then([
        {
          type: 'RotationSlotsSwapped',
          data: {
            slotA: 2,
            slotB: 3,
            participantA: 'clinic',
            participantB: 'police',
            reason: 'exams',
            swappedBy: 'organizer-1',
          },
        },
      ]);
  });
  it('refuses before the draw, unknown or equal slots, one participant’s own slots and passed slots', () => {
    given(rotationDecider, [announced]).when(swap(1, 2)).then({ code: 'rotation-not-drawn' });
    given(rotationDecider, [announced, drawn])
      .when(swap(1, 5))
      .then({ code: 'slot-not-found', category: 'not-found' });
    given(rotationDecider, [announced, drawn]).when(swap(2, 2)).then({ code: 'same-slot' });
    given(rotationDecider, [announced, drawn]).when(swap(1, 4)).then({ code: 'same-participant' });
    // 1 June in Shanghai ends at 16:00 UTC that day: from then on slot 1 (1 June) has passed.
    given(rotationDecider, [announced, drawn])
      .when(swap(1, 2, '2026-06-01T16:00:00Z'))
      .then({ code: 'slot-passed' });
    given(rotationDecider, [announced, drawn])
      .when(swap(1, 2, '2026-06-01T15:59:59Z'))
      .then([
        {
          type: 'RotationSlotsSwapped',
          data: {
            slotA: 1,
            slotB: 2,
            participantA: 'clinic',
            participantB: 'school-1',
            reason: 'exams',
            swappedBy: 'organizer-1',
          },
        },
      ]);
  });
});

describe('rotation decider: a rotation takes at most MAX_SWAPS swaps', () => {
  // Slots 1 and 2 swapped back and forth: each swap exchanges the same two participants.
  const swaps = (n: number): RotationEvent[] =>
    Array.from({ length: n }, (_, i) => ({
      type: 'RotationSlotsSwapped',
      data: {
        slotA: 1,
        slotB: 2,
        participantA: i % 2 === 0 ? 'clinic' : 'school-1',
        participantB: i % 2 === 0 ? 'school-1' : 'clinic',
        reason: 'exams',
        swappedBy: 'organizer-1',
      },
    }));

  it('records the 200th swap and refuses the 201st', () => {
    const before = [announced, drawn, ...swaps(MAX_SWAPS - 1)];
    given(rotationDecider, before)
      .when(swap(1, 2))
      .then([expect.objectContaining({ type: 'RotationSlotsSwapped' })]);
    given(rotationDecider, [announced, drawn, ...swaps(MAX_SWAPS)])
      .when(swap(1, 2))
      .then({ code: 'too-many-swaps' });
  });
});
