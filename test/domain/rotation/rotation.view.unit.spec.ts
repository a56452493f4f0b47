import { describe, expect, it } from 'vitest';
import {
  RotationDetail,
  rotationDetails,
  rotationKey,
  rotationsList,
} from '../../../domain/rotation/rotation.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const participants = [
  { key: 'school-1', name: 'No. 1 Primary School', kind: 'school' },
  { key: 'police', name: 'Police station', kind: 'unit' },
];
const announced = {
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
      { number: 3, date: '2026-10-01', label: 'National Day' },
    ],
    seedDay: '2026-05-10',
    algorithm: 'fisher-yates-sha256-v1',
  },
};
const drawn = {
  type: 'RotationDrawn',
  data: {
    seed: { day: '2026-05-10', digestDay: '2026-05-10', digest: 'a'.repeat(64) },
    algorithm: 'fisher-yates-sha256-v1',
    order: ['police', 'school-1'],
    assignments: [
      { slot: 1, participant: 'police' },
      { slot: 2, participant: 'school-1' },
      { slot: 3, participant: 'police' },
    ],
  },
};
const swapped = {
  type: 'RotationSlotsSwapped',
  data: {
    slotA: 2,
    slotB: 3,
    participantA: 'school-1',
    participantB: 'police',
    reason: 'exams',
    swappedBy: 'o1',
  },
};

describe('rotation-details projection [rotationDetails]', () => {
  it('shows the announced rotation on its plan’s list, with no holders before the draw', async () => {
    const views = await project([['c1#rotation#R1', announced]], [rotationDetails]);
    const [listed] = await views.list<RotationDetail>(rotationsList('c1', 'P1'));
    expect(RotationDetail.parse(listed)).toEqual(listed);
    expect(listed).toEqual({
      ...announced.data,
      status: 'announced',
      announcedAt: recordedAt(0),
      swaps: [],
    });
  });

  it('keeps the drawn holder of each slot beside the current one, and every swap', async () => {
    const views = await project(
      [
        ['c1#rotation#R1', announced],
        ['c1#rotation#R1', drawn],
        ['c1#rotation#R1', swapped],
      ],
      [rotationDetails],
    );
    const item = await views.item<RotationDetail>(rotationKey('c1', 'R1'));
    expect(item).toMatchObject({ owner: 'c1#rotation#R1', appliedVersion: 3 });
    expect(item!.data.status).toBe('drawn');
    expect(item!.data.slots.map((s) => [s.number, s.participant, s.drawnParticipant])).toEqual([
      [1, 'police', 'police'],
      [2, 'police', 'school-1'],
      [3, 'school-1', 'police'],
    ]);
    expect(item!.data.draw).toEqual({ ...drawn.data, drawnAt: recordedAt(1) });
    expect(item!.data.swaps).toEqual([{ ...swapped.data, recordedAt: recordedAt(2) }]);
    // What the view stores parses to itself under its schema (a field the schema forgets fails).
    expect(RotationDetail.parse(item!.data)).toEqual(item!.data);
    const before = await views.item(rotationKey('c1', 'R1'));
    await views.redeliver();
    expect(await views.item(rotationKey('c1', 'R1'))).toEqual(before);
  });
});
