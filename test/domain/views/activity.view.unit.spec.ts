import { describe, expect, it } from 'vitest';
import {
  type ActivityDetail,
  activitiesList,
  activityDetails,
  activityKey,
  attendeeKey,
  attendeeRows,
} from '../../../domain/views/activity.view.js';
import { participationKey, participationRows } from '../../../domain/views/participation.view.js';
import { project, recordedAt } from '../../support/projection-spec.js';

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
    category: 'party-education',
    format: 'study-session',
    title: 'Centralized study',
    window,
    capacity: 40,
  },
};
const registered = (residentId: string) => ({ type: 'ResidentRegistered', data: { residentId } });
const attended = (residentId: string, at = '2026-03-10T01:05:00.000Z') => ({
  type: 'ResidentAttended',
  data: { residentId, method: 'qr', at },
});
const revoked = (residentId: string) => ({
  type: 'AttendanceRevoked',
  data: { residentId, reason: 'left early' },
});
const held = {
  type: 'ActivityHeld',
  data: { heldOn: '2026-03-10T01:00:00.000Z', summary: 'done', headcount: 2, heldWithinWindow: true },
};

describe('activity-details projection', () => {
  it('places a planned activity on the calendar by the start of its window, without the plan year', async () => {
    const views = await project([[A, planned]], [activityDetails]);
    const { planYear: _year, ...data } = planned.data;
    expect(await views.item<ActivityDetail>(activityKey('c1', 'A1'))).toEqual({
      data: {
        ...data,
        // The plan's margin (30 minutes, as for a plan that names none) on both sides of the window.
        checkIn: { opens: '2026-03-10T00:30:00.000Z', closes: '2026-03-10T03:30:00.000Z' },
        status: 'planned',
        registeredCount: 0,
        attendanceCount: 0,
        plannedAt: recordedAt(0),
        rescheduled: [],
        cancelled: null,
        held: null,
      },
      gsi1pk: activitiesList('c1'),
      gsi1sk: `${window.start}#A1`,
      owner: A,
      appliedVersion: 1,
    });
  });

  it('moves a rescheduled activity on the calendar and keeps where it was', async () => {
    const views = await project(
      [
        [A, planned],
        [A, { type: 'ActivityRescheduled', data: { window: later, previousWindow: window, reason: 'rain' } }],
      ],
      [activityDetails],
    );
    const item = (await views.item<ActivityDetail>(activityKey('c1', 'A1')))!;
    expect(item.gsi1sk).toBe(`${later.start}#A1`);
    // Check-in follows the window.
    expect(item.data.checkIn).toEqual({
      opens: new Date(Date.parse(later.start) - 30 * 60_000).toISOString(),
      closes: new Date(Date.parse(later.end) + 30 * 60_000).toISOString(),
    });
    expect(item.data.window).toEqual(later);
    expect(item.data.rescheduled).toEqual([{ from: window, to: later, reason: 'rain', at: recordedAt(1) }]);
  });

  it('counts registrations and attendance (a revocation takes one back), then shows it held', async () => {
    const views = await project(
      [
        [A, planned],
        [A, [registered('R1'), registered('R2')]],
        [A, [attended('R1'), attended('R2')]],
        [A, revoked('R2')],
        [A, held],
      ],
      [activityDetails],
    );
    const { data } = (await views.item<ActivityDetail>(activityKey('c1', 'A1')))!;
    expect(data).toMatchObject({ status: 'held', registeredCount: 2, attendanceCount: 1 });
    expect(data.held).toEqual({ ...held.data, recordedAt: recordedAt(4) });
  });

  it('shows a cancelled activity with its reason', async () => {
    const views = await project(
      [
        [A, planned],
        [A, { type: 'ActivityCancelled', data: { reason: 'venue closed' } }],
      ],
      [activityDetails],
    );
    expect((await views.item<ActivityDetail>(activityKey('c1', 'A1')))!.data).toMatchObject({
      status: 'cancelled',
      cancelled: { reason: 'venue closed', at: recordedAt(1) },
    });
  });
});

describe('activity-attendees projection', () => {
  it('keeps one sign-in row per attendee, marked (not removed) when revoked', async () => {
    const views = await project(
      [
        [A, planned],
        [A, [attended('R1'), attended('R2')]],
        [A, revoked('R2')],
      ],
      [attendeeRows],
    );
    expect(await views.item(attendeeKey('c1', 'A1', 'R1'))).toEqual({
      data: {
        residentId: 'R1',
        status: 'attended',
        method: 'qr',
        at: '2026-03-10T01:05:00.000Z',
        recordedAt: recordedAt(1),
      },
      owner: A,
      appliedVersion: 3,
    });
    expect((await views.item(attendeeKey('c1', 'A1', 'R2')))!.data).toEqual({
      residentId: 'R2',
      status: 'revoked',
      method: 'qr',
      at: '2026-03-10T01:05:00.000Z',
      recordedAt: recordedAt(1),
      revokedReason: 'left early',
    });
    expect(await views.item(attendeeKey('c1', 'A1', 'R3'))).toBeUndefined();
  });
});

describe('resident-participation projection', () => {
  it('records, per resident and activity, registration and attendance; attending again clears a revocation', async () => {
    const views = await project(
      [
        [A, planned],
        [A, registered('R1')],
        [A, attended('R1')],
        [A, revoked('R1')],
      ],
      [participationRows],
    );
    expect(await views.item(participationKey('c1', 'R1', 'A1'))).toEqual({
      data: {
        activityId: 'A1',
        registered: true,
        attended: false,
        attendedAt: '2026-03-10T01:05:00.000Z',
        method: 'qr',
        revokedReason: 'left early',
      },
      owner: A,
      appliedVersion: 4,
    });
    const again = await project(
      [
        [A, planned],
        [A, attended('R1')],
        [A, revoked('R1')],
        [A, attended('R1', '2026-03-10T01:30:00.000Z')],
      ],
      [participationRows],
    );
    expect((await again.item(participationKey('c1', 'R1', 'A1')))!.data).toEqual({
      activityId: 'A1',
      registered: false,
      attended: true,
      attendedAt: '2026-03-10T01:30:00.000Z',
      method: 'qr',
    });
  });
});
