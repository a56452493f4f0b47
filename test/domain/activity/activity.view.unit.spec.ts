import { describe, expect, it } from 'vitest';
import {
  type ActivityDetail,
  activitiesList,
  activityDetails,
  activityKey,
} from '../../../domain/activity/activity.view.js';
import { attendeeKey, attendeeRows } from '../../../domain/activity/attendee.view.js';
import { participationKey, participationRows } from '../../../domain/activity/participation.view.js';
import { registrationKey, registrationRows } from '../../../domain/activity/registration.view.js';
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
        waitlistedCount: 0,
        registrationsCancelled: 0,
        attendanceCount: 0,
        plannedAt: recordedAt(0),
        rescheduled: [],
        cancelled: null,
        held: null,
      },
      placement: { list: activitiesList('c1'), order: [window.start, 'A1'] },
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
    expect(item.placement?.order).toEqual([later.start, 'A1']);
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
        registration: 'registered',
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

const waitlisted = (residentId: string, position: number) => ({
  type: 'ResidentWaitlisted',
  data: { residentId, position },
});
const promoted = (residentId: string) => ({ type: 'ResidentPromotedFromWaitlist', data: { residentId } });
const cancelledRegistration = (residentId: string, was: 'registered' | 'waitlisted', reason?: string) => ({
  type: 'RegistrationCancelled',
  data: { residentId, was, ...(reason === undefined ? {} : { reason }) },
});
/** R1 and R2 registered, R3 and R4 in line; R1 cancels (R3 promoted), R4 leaves the line, R5 joins it. */
const registrationHistory: [string, { type: string; data: unknown }][] = [
  [A, planned],
  [A, registered('R1')],
  [A, registered('R2')],
  [A, waitlisted('R3', 1)],
  [A, waitlisted('R4', 2)],
  [A, cancelledRegistration('R1', 'registered', 'travelling')],
  [A, promoted('R3')],
  [A, cancelledRegistration('R4', 'waitlisted')],
  [A, waitlisted('R5', 1)],
];

describe('registrations: counts, rows and participation', () => {
  it('counts places held, the waitlist and cancellations on the activity', async () => {
    const views = await project(registrationHistory, [activityDetails]);
    expect((await views.item<ActivityDetail>(activityKey('c1', 'A1')))!.data).toMatchObject({
      registeredCount: 2,
      waitlistedCount: 1,
      registrationsCancelled: 2,
    });
  });

  it('keeps one row per resident: where they stand, their place in the line, when each step was recorded', async () => {
    const views = await project(registrationHistory, [registrationRows]);
    const row = async (residentId: string) =>
      (await views.item(registrationKey('c1', 'A1', residentId)))!.data;
    expect(await row('R1')).toEqual({
      residentId: 'R1',
      status: 'cancelled',
      registeredAt: recordedAt(1),
      cancelledAt: recordedAt(5),
      cancelledFrom: 'registered',
      cancelReason: 'travelling',
    });
    expect(await row('R2')).toEqual({ residentId: 'R2', status: 'registered', registeredAt: recordedAt(2) });
    expect(await row('R3')).toEqual({
      residentId: 'R3',
      status: 'registered',
      waitlistedAt: recordedAt(3),
      registeredAt: recordedAt(6),
      promotedAt: recordedAt(6),
    });
    expect(await row('R4')).toEqual({
      residentId: 'R4',
      status: 'cancelled',
      waitlistedAt: recordedAt(4),
      cancelledAt: recordedAt(7),
      cancelledFrom: 'waitlisted',
    });
    expect(await row('R5')).toEqual({
      residentId: 'R5',
      status: 'waitlisted',
      line: 9,
      waitlistedAt: recordedAt(8),
    });
  });

  it("shows in each resident's participation whether they hold a place, wait, or cancelled", async () => {
    const views = await project(registrationHistory, [participationRows]);
    const row = async (residentId: string) =>
      (await views.item(participationKey('c1', residentId, 'A1')))!.data;
    expect(await row('R1')).toMatchObject({ registered: false, registration: 'cancelled' });
    expect(await row('R3')).toMatchObject({
      registered: true,
      registration: 'registered',
      waitlistedAt: recordedAt(3),
      promotedAt: recordedAt(6),
    });
    expect(await row('R5')).toMatchObject({ registered: false, registration: 'waitlisted' });
  });
});
