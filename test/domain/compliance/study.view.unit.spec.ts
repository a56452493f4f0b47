import { describe, expect, it } from 'vitest';
import {
  type ParticipationRow,
  participationKey,
  participationRows,
} from '../../../domain/activity/participation.view.js';
import {
  type ActivityComplianceRow,
  activityCompliance,
  activityComplianceKey,
} from '../../../domain/compliance/compliance.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const S = 'c1#activity#S1';
const window = { start: '2026-03-10T11:00:00.000Z', end: '2026-03-10T13:00:00.000Z' };
const planned = (format = 'study-session') => ({
  type: 'ActivityPlanned',
  data: {
    activityId: 'S1',
    planId: 'P1',
    planYear: 2026,
    timeZone: 'Asia/Shanghai',
    category: 'party-education',
    format,
    title: 'Study: the plenary',
    window,
  },
});
const attended = (residentId: string) => ({
  type: 'ResidentAttended',
  data: { residentId, method: 'kiosk', at: window.start },
});
const held = { type: 'ActivityHeld', data: { heldOn: window.start, summary: 's', heldWithinWindow: true } };
const timeline = [
  [S, planned()],
  [
    S,
    {
      type: 'StudyLeaveRequested',
      data: { residentId: 'M1', reason: 'night shift', requestedAt: window.start },
    },
  ],
  [S, { type: 'StudyLeaveDeclined', data: { residentId: 'M1', note: 'compulsory' } }],
  [
    S,
    { type: 'StudyLeaveRequested', data: { residentId: 'M1', reason: 'surgery', requestedAt: window.start } },
  ],
  [S, { type: 'StudyLeaveApproved', data: { residentId: 'M1' } }],
  [S, attended('M2')],
  [S, { type: 'AttendanceRevoked', data: { residentId: 'M2', reason: 'mistake' } }],
  [S, attended('M2')],
  [S, held],
  [S, { type: 'StudyMadeUp', data: { residentId: 'M1', makeUp: { by: 'session', sessionId: 'S2' } } }],
  [
    S,
    { type: 'StudyMadeUp', data: { residentId: 'M3', makeUp: { by: 'note', note: 'n', reviewedBy: 'O1' } } },
  ],
] as const;

describe('study facts of a study session (in its activity-compliance row)', () => {
  it('keeps each resident’s attendance, leave requests with their decisions, and make-up, with their instants', async () => {
    const views = await project(timeline, [activityCompliance]);
    const { data } = (await views.item<ActivityComplianceRow>(activityComplianceKey('c1', 'S1')))!;
    expect(data.study).toEqual({
      title: 'Study: the plenary',
      residents: {
        M1: {
          signedIn: [],
          leaves: [
            {
              reason: 'night shift',
              requestedAt: recordedAt(1),
              decision: { outcome: 'declined', note: 'compulsory', at: recordedAt(2) },
            },
            {
              reason: 'surgery',
              requestedAt: recordedAt(3),
              decision: { outcome: 'approved', at: recordedAt(4) },
            },
          ],
          madeUp: { by: 'session', sessionId: 'S2', recordedAt: recordedAt(9) },
        },
        M2: { signedIn: [{ from: recordedAt(5), to: recordedAt(6) }, { from: recordedAt(7) }], leaves: [] },
        M3: {
          signedIn: [],
          leaves: [],
          madeUp: { by: 'note', note: 'n', reviewedBy: 'O1', recordedAt: recordedAt(10) },
        },
      },
    });
    expect(data.attendance).toBe(1);
  });

  it('other activities carry no study facts', async () => {
    const views = await project(
      [
        [S, planned('lecture')],
        [S, attended('M2')],
      ],
      [activityCompliance],
    );
    const { data } = (await views.item<ActivityComplianceRow>(activityComplianceKey('c1', 'S1')))!;
    expect(data.study).toBeUndefined();
  });
});

describe('resident-participation rows of a study session', () => {
  it('show the member’s latest leave and its decision, and the make-up', async () => {
    const views = await project(timeline, [participationRows]);
    expect((await views.item<ParticipationRow>(participationKey('c1', 'M1', 'S1')))?.data).toEqual({
      activityId: 'S1',
      registered: false,
      attended: false,
      leave: { status: 'approved', reason: 'surgery', requestedAt: recordedAt(3), decidedAt: recordedAt(4) },
      madeUp: { by: 'session', sessionId: 'S2', recordedAt: recordedAt(9) },
    });
    expect((await views.item<ParticipationRow>(participationKey('c1', 'M3', 'S1')))?.data).toEqual({
      activityId: 'S1',
      registered: false,
      attended: false,
      madeUp: { by: 'note', recordedAt: recordedAt(10) },
    });
  });
});
