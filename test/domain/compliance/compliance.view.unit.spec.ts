import { describe, expect, it } from 'vitest';
import {
  type ActivityComplianceRow,
  activityCompliance,
  activityComplianceKey,
  partyMemberKey,
  partyMembers,
  partyMembersList,
  planActivitiesList,
  planTargets,
  planTargetsKey,
} from '../../../domain/compliance/compliance.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const A = 'c1#activity#A1';
const window = { start: '2026-03-10T01:00:00.000Z', end: '2026-03-10T03:00:00.000Z' };
const later = { start: '2026-03-17T01:00:00.000Z', end: '2026-03-17T03:00:00.000Z' };
const planned = {
  type: 'ActivityPlanned',
  data: {
    activityId: 'A1',
    planId: 'P1',
    planYear: 2026,
    timeZone: 'Asia/Shanghai',
    category: 'legal-education',
    format: 'lecture',
    title: 'Law talk',
    window,
    lecturer: 'Officer Liu',
  },
};
const attended = (residentId: string) => ({
  type: 'ResidentAttended',
  data: { residentId, method: 'kiosk', at: '2026-03-10T01:10:00.000Z' },
});
const revoked = (residentId: string) => ({
  type: 'AttendanceRevoked',
  data: { residentId, reason: 'mistake' },
});

describe('activity-compliance projection', () => {
  it('takes a lecturer named after planning (a series change) as the planned one; a venue change alone keeps it', async () => {
    const views = await project(
      [
        [A, planned],
        [A, { type: 'ActivityDetailsChanged', data: { venue: 'Hall 2', reason: 'moved' } }],
      ],
      [activityCompliance],
    );
    const key = activityComplianceKey('c1', 'A1');
    expect((await views.item<ActivityComplianceRow>(key))?.data.plannedLecturer).toBe('Officer Liu');
    const renamed = await project(
      [
        [A, planned],
        [A, { type: 'ActivityDetailsChanged', data: { lecturer: 'Judge Zhou', reason: 'series change' } }],
      ],
      [activityCompliance],
    );
    expect((await renamed.item<ActivityComplianceRow>(key))?.data.plannedLecturer).toBe('Judge Zhou');
  });

  it('keeps every fact with the instant it was recorded, listed per plan', async () => {
    const views = await project(
      [
        [A, planned],
        [A, { type: 'ActivityRescheduled', data: { window: later, previousWindow: window, reason: 'r' } }],
        [
          A,
          {
            type: 'ActivityHeld',
            data: { heldOn: later.start, summary: 's', lecturer: 'Officer Liu', heldWithinWindow: true },
          },
        ],
      ],
      [activityCompliance],
    );
    expect(await views.item<ActivityComplianceRow>(activityComplianceKey('c1', 'A1'))).toEqual({
      data: {
        activityId: 'A1',
        planId: 'P1',
        category: 'legal-education',
        format: 'lecture',
        plannedAt: recordedAt(0),
        plannedLecturer: 'Officer Liu',
        windows: [
          { window, recordedAt: recordedAt(0) },
          { window: later, recordedAt: recordedAt(1) },
        ],
        held: {
          heldOn: later.start,
          heldWithinWindow: true,
          lecturer: 'Officer Liu',
          summary: 's',
          recordedAt: recordedAt(2),
        },
        attendance: 0,
        signedIn: [],
      },
      placement: { list: planActivitiesList('c1', 'P1'), order: ['A1'] },
      owner: A,
      appliedVersion: 3,
    });
  });

  it('records the intervals during which someone was signed in, and when it was cancelled', async () => {
    const views = await project(
      [
        [A, planned],
        [A, attended('R1')],
        [A, attended('R2')],
        [A, revoked('R1')],
        [A, revoked('R2')],
        [A, attended('R3')],
        [A, { type: 'ActivityCancelled', data: { reason: 'x' } }],
      ],
      [activityCompliance],
    );
    const { data } = (await views.item<ActivityComplianceRow>(activityComplianceKey('c1', 'A1')))!;
    expect(data.attendance).toBe(1);
    expect(data.signedIn).toEqual([{ from: recordedAt(1), to: recordedAt(4) }, { from: recordedAt(5) }]);
    expect(data.cancelledAt).toBe(recordedAt(6));
  });
});

describe('plan-targets projection', () => {
  it('keeps every version of every target in the order recorded', async () => {
    const target = (minimum: number) => ({
      type: 'TargetSet',
      data: { targetId: 't1', description: 'd', metric: 'activities-held', minimum, per: 'quarter' },
    });
    const views = await project(
      [
        [
          'c1#plan#P1',
          {
            type: 'PlanCreated',
            data: { planId: 'P1', communityName: 'C', year: 2026, title: 't', timeZone: 'Asia/Shanghai' },
          },
        ],
        ['c1#plan#P1', target(2)],
        ['c1#plan#P1', target(3)],
      ],
      [planTargets],
    );
    expect(await views.item(planTargetsKey('c1', 'P1'))).toEqual({
      data: {
        planId: 'P1',
        year: 2026,
        timeZone: 'Asia/Shanghai',
        history: [
          { ...target(2).data, recordedAt: recordedAt(1) },
          { ...target(3).data, recordedAt: recordedAt(2) },
        ],
      },
      owner: 'c1#plan#P1',
      appliedVersion: 3,
    });
  });
});

describe('party-members projection', () => {
  it('lists party members since the instant they were enrolled, and nobody else', async () => {
    const enrolled = (residentId: string, partyMember: boolean) => ({
      type: 'ResidentEnrolled',
      data: { residentId, name: residentId, householdId: 'H', partyMember },
    });
    const views = await project(
      [
        ['c1#resident#R1', enrolled('R1', true)],
        ['c1#resident#R2', enrolled('R2', false)],
      ],
      [partyMembers],
    );
    expect(await views.list(partyMembersList('c1'))).toEqual([{ residentId: 'R1', since: recordedAt(0) }]);
    expect(await views.item(partyMemberKey('c1', 'R2'))).toBeUndefined();
  });
});
