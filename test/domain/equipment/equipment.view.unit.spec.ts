import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  type EquipmentRow,
  equipmentKey,
  equipmentList,
  equipmentProjections,
  equipmentRegister,
  type InstructorDetail,
  type InstructorSession,
  instructorDetails,
  instructorKey,
  instructorSessions,
  instructorSessionsList,
  instructorsList,
  registerOf,
  sessionsBetween,
  type VenueDetail,
  venueDetails,
  venueKey,
  venuesList,
} from '../../../domain/equipment/equipment.view.js';
import { groupKeyOf, sliceKeysOf } from '../../../functions/adapters/view-layout.js';
import { project, recordedAt, type Timeline } from '../../support/decider-spec.js';

const venue = {
  type: 'VenueRegistered',
  data: {
    venueId: 'V1',
    name: 'East square',
    kind: 'square',
    location: 'East gate',
    timeZone: 'Asia/Shanghai',
  },
};
const installed = (equipmentId: string) => ({
  type: 'EquipmentInstalled',
  data: {
    equipmentId,
    item: 'Sit-up bench',
    quantity: 1,
    installedOn: '2026-01-04T16:00:00.000Z',
    inspectEveryDays: 31,
  },
});
const inspected = {
  type: 'EquipmentInspected',
  data: {
    equipmentId: 'V1-K1',
    inspectedOn: '2026-02-01T16:00:00.000Z',
    inspector: 'Wang',
    condition: 'unsafe',
  },
};
const maintained = {
  type: 'EquipmentMaintained',
  data: { equipmentId: 'V1-K1', doneOn: '2026-02-02T16:00:00.000Z', by: 'Bureau', work: 'welded' },
};
const retired = {
  type: 'EquipmentRetired',
  data: { equipmentId: 'V1-K2', retiredOn: '2026-02-10T16:00:00.000Z', reason: 'broken' },
};

describe('venue-details projection [venueDetails]', () => {
  it('keeps a venue in its partition and on the community’s list, by name', async () => {
    const views = await project([['c1#venue#V1', venue]], [venueDetails]);
    expect(await views.item<VenueDetail>(venueKey('c1', 'V1'))).toEqual({
      data: { ...venue.data, registeredAt: recordedAt(0) },
      placement: { list: venuesList('c1'), order: ['East square', 'V1'] },
      owner: 'c1#venue#V1',
      appliedVersion: 1,
    });
  });
});

describe('equipment-register projection [equipmentRegister]', () => {
  it('keeps one row per item with its inspections, maintenance and retirement, each with when it was recorded', async () => {
    const views = await project(
      [
        ['c1#venue#V1', venue],
        ['c1#venue#V1', [installed('V1-K1'), installed('V1-K2')]],
        ['c1#venue#V1', inspected],
        ['c1#venue#V1', maintained],
        ['c1#venue#V1', retired],
      ],
      [equipmentRegister],
    );
    expect(groupKeyOf(registerOf('c1', 'V1'))).toEqual({ pk: 'c1#venue#V1', skPrefix: 'equipment#' });
    const first = await views.item<EquipmentRow>(equipmentKey('c1', 'V1', 'V1-K1'));
    expect(first).toEqual({
      data: {
        ...installed('V1-K1').data,
        venueId: 'V1',
        installedAt: recordedAt(1),
        inspections: [
          {
            inspectedOn: inspected.data.inspectedOn,
            inspector: 'Wang',
            condition: 'unsafe',
            recordedAt: recordedAt(2),
          },
        ],
        maintenance: [
          { doneOn: maintained.data.doneOn, by: 'Bureau', work: 'welded', recordedAt: recordedAt(3) },
        ],
      },
      placement: { list: equipmentList('c1'), order: ['V1', 'V1-K1'] },
      owner: 'c1#venue#V1',
      appliedVersion: 5,
    });
    const second = await views.item<EquipmentRow>(equipmentKey('c1', 'V1', 'V1-K2'));
    expect(second?.data.retired).toEqual({
      retiredOn: retired.data.retiredOn,
      reason: 'broken',
      recordedAt: recordedAt(4),
    });
    expect((await views.list<EquipmentRow>(equipmentList('c1'))).map((r) => r.equipmentId)).toEqual([
      'V1-K1',
      'V1-K2',
    ]);
    const before = [...views.views.items.values()];
    await views.redeliver();
    expect([...views.views.items.values()].map(({ revision: _r, ...i }) => i)).toEqual(
      before.map(({ revision: _r, ...i }) => i),
    );
  });
});

describe('instructor-details [instructorDetails] and instructor-sessions [instructorSessions] projections', () => {
  const registered = {
    type: 'InstructorRegistered',
    data: { instructorId: 'I1', name: 'Coach Liu', specialty: 'badminton' },
  };
  const session = (sessionId: string, heldOn: string) => ({
    type: 'InstructorSessionHeld',
    data: { sessionId, heldOn, timeZone: 'Asia/Shanghai', topic: 'footwork', participants: 12 },
  });

  it('counts an instructor’s sessions and lists each by the day it was held in its zone', async () => {
    const timeline: Timeline = [
      ['c1#instructor#I1', registered],
      ['c1#instructor#I1', session('S1', '2026-06-30T17:00:00.000Z')],
      ['c1#instructor#I1', session('S2', '2026-06-30T15:30:00.000Z')],
    ];
    const details = await project(timeline, [instructorDetails]);
    const views = await project(timeline, [instructorSessions]);
    expect(await details.item<InstructorDetail>(instructorKey('c1', 'I1'))).toMatchObject({
      data: { ...registered.data, registeredAt: recordedAt(0), sessionsTotal: 2 },
      placement: { list: instructorsList('c1'), order: ['Coach Liu', 'I1'] },
    });
    const sessions = await views.list<InstructorSession>(instructorSessionsList('c1'));
    // 17:00Z on 30 June is 1 July in Shanghai: a Q3 session.
    expect(sessions.map((s) => [s.sessionId, s.heldDay, s.instructorId])).toEqual([
      ['S2', '2026-06-30', 'I1'],
      ['S1', '2026-07-01', 'I1'],
    ]);
    expect(sliceKeysOf(sessionsBetween('c1', '2026-07-01', '2026-09-31'))).toEqual({
      list: 'c1#instructor-sessions',
      from: '2026-07-01#',
      to: '2026-09-31#~',
    });
  });
});

describe('every equipment view document parses to itself under its schema', () => {
  /** A history taking each branch and filling each optional field (view-schemas.unit.spec.ts wants the same). */
  const history: Timeline = [
    ['c1#venue#V1', { ...venue, data: { ...venue.data, planId: 'P1' } }],
    ['c1#venue#V1', [installed('V1-K1'), installed('V1-K2')]],
    ['c1#venue#V1', { ...inspected, data: { ...inspected.data, notes: 'loose bolt' } }],
    ['c1#venue#V1', maintained],
    ['c1#venue#V1', retired],
    [
      'c1#instructor#I1',
      {
        type: 'InstructorRegistered',
        data: {
          instructorId: 'I1',
          name: 'Coach Liu',
          residentId: 'R1',
          specialty: 'dance',
          certifiedUntil: '2027-06-30',
        },
      },
    ],
    [
      'c1#instructor#I1',
      {
        type: 'InstructorSessionHeld',
        data: {
          sessionId: 'S1',
          heldOn: '2026-05-01T01:00:00.000Z',
          timeZone: 'Asia/Shanghai',
          activityId: 'A1',
          venueId: 'V1',
          topic: 'warm-up',
          participants: 20,
        },
      },
    ],
  ];
  it.each(equipmentProjections.map((p) => [p.name, p] as const))('%s', async (_name, projection) => {
    const written: unknown[] = [];
    await project(history, [
      {
        ...projection,
        evolve(current, event, context) {
          const next = projection.evolve(current, event, context);
          if (next) written.push(next.data);
          return next;
        },
      } as typeof projection,
    ]);
    expect(written.length).toBeGreaterThan(0);
    for (const data of written) expect((projection.schema as z.ZodType).parse(data)).toEqual(data);
  });
});
