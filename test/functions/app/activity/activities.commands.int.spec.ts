import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cancelActivity,
  planActivity,
  recordHeld,
  registerResident,
  rescheduleActivity,
} from '../../../../functions/app/activity/activities.commands.js';
import {
  recordAttendance,
  revokeAttendance,
} from '../../../../functions/app/activity/attendance.commands.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { enrollResident } from '../../../../functions/app/resident/residents.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

describe('activity use cases, on the event store', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  let planId: string;
  let residentId: string;
  const organizer = () => world.acting(['organizer'], 'O1');
  const plan = (activityId: string, extra: { capacity?: number } = {}) =>
    planActivity(world, organizer(), {
      activityId,
      planId,
      category: 'legal-education',
      format: 'lecture',
      title: 'Know your rights',
      // Dates alone: read in the plan's zone (Paris, UTC+2 in June), not the server's or UTC.
      window: { start: '2026-06-01', end: '2026-06-01' },
      ...extra,
    });

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    world = await useCaseWorld(engine);
    planId = accepted(
      await createPlan(world, world.acting(['admin']), {
        planId: 'P1',
        communityName: 'Riverside',
        year: 2026,
        title: 'Plan 2026',
        timeZone: 'Europe/Paris',
      }),
    ).id;
    residentId = accepted(
      await enrollResident(world, organizer(), { residentId: 'R1', name: 'Li Wei', householdId: 'H-1' }),
    ).id;
  });

  it("plans an activity from the plan's stream: its year and zone, the window's dates read in that zone", async () => {
    const answer = accepted(await plan('A1'));
    expect(answer).toMatchObject({ id: 'A1', streamId: 'c1#activity#A1', version: 1 });
    expect(await world.eventsOf('activity', 'A1')).toEqual([
      {
        type: 'ActivityPlanned',
        data: expect.objectContaining({
          activityId: 'A1',
          planId: 'P1',
          planYear: 2026,
          timeZone: 'Europe/Paris',
          window: { start: '2026-05-31T22:00:00.000Z', end: '2026-06-01T21:59:59.999Z' },
        }),
      },
    ]);
  });

  it('refuses an activity of a plan that does not exist, and writes nothing', async () => {
    const { outcome } = await planActivity(world, organizer(), {
      activityId: 'A1',
      planId: 'NOPE',
      category: 'festival',
      format: 'lecture',
      title: 'x',
      window: { start: '2026-06-01', end: '2026-06-01' },
    });
    expect(outcome).toMatchObject({ code: 'plan-not-found' });
    expect(await world.eventsOf('activity', 'A1')).toEqual([]);
  });

  it("reschedules and records it held in the activity's zone; a cancelled activity refuses more", async () => {
    await plan('A1');
    accepted(
      await rescheduleActivity(world, organizer(), {
        activityId: 'A1',
        window: { start: '2026-06-02', end: '2026-06-03' },
        reason: 'rain',
      }),
    );
    world.clock.set('2026-06-04T08:00:00.000Z');
    accepted(
      await recordHeld(world, organizer(), { activityId: 'A1', heldOn: '2026-06-02', summary: 'done' }),
    );
    const events = await world.eventsOf('activity', 'A1');
    expect(events.slice(1)).toEqual([
      {
        type: 'ActivityRescheduled',
        data: expect.objectContaining({
          window: { start: '2026-06-01T22:00:00.000Z', end: '2026-06-03T21:59:59.999Z' },
          reason: 'rain',
        }),
      },
      {
        type: 'ActivityHeld',
        data: expect.objectContaining({ heldOn: '2026-06-01T22:00:00.000Z', summary: 'done' }),
      },
    ]);
    // A date alone is the whole day: a window of 09:00–11:00 that day is met.
    await plan('A3');
    accepted(
      await rescheduleActivity(world, organizer(), {
        activityId: 'A3',
        window: { start: '2026-06-05T09:00:00+02:00', end: '2026-06-05T11:00:00+02:00' },
        reason: 'a morning class',
      }),
    );
    world.clock.set('2026-06-05T12:00:00.000Z');
    accepted(
      await recordHeld(world, organizer(), { activityId: 'A3', heldOn: '2026-06-05', summary: 'held' }),
    );
    expect((await world.eventsOf('activity', 'A3')).at(-1)).toEqual({
      type: 'ActivityHeld',
      data: expect.objectContaining({ heldOn: '2026-06-04T22:00:00.000Z', heldWithinWindow: true }),
    });
    await plan('A2');
    accepted(await cancelActivity(world, organizer(), { activityId: 'A2', reason: 'storm' }));
    const refused = await registerResident(world, organizer(), { activityId: 'A2', residentId });
    expect(refused.outcome).toMatchObject({ code: 'activity-cancelled' });
  });

  it('lets a resident register and sign in only themselves, and reads the roster from their stream', async () => {
    await plan('A1', { capacity: 5 });
    const other = world.acting(['resident'], 'SOMEONE-ELSE');
    await expect(registerResident(world, other, { activityId: 'A1', residentId })).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'forbidden',
    });
    await expect(
      recordAttendance(world, other, { activityId: 'A1', residentId, method: 'qr', ticket: 't' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    const unknown = await registerResident(world, organizer(), { activityId: 'A1', residentId: 'GHOST' });
    expect(unknown.outcome).toMatchObject({ code: 'resident-not-found' });
    expect(await world.eventsOf('activity', 'A1')).toHaveLength(1);

    const self = world.acting(['resident'], residentId);
    accepted(await registerResident(world, self, { activityId: 'A1', residentId }));
    expect((await world.eventsOf('activity', 'A1')).at(-1)).toEqual({
      type: 'ResidentRegistered',
      data: { residentId },
    });
  });

  it("records attendance at the clock's now, or a kiosk's scan at its scan time; revokes it", async () => {
    await plan('A1');
    world.clock.set('2026-06-01T08:30:00.000Z');
    accepted(
      await recordAttendance(world, organizer(), { activityId: 'A1', residentId, method: 'organizer' }),
    );
    accepted(await revokeAttendance(world, organizer(), { activityId: 'A1', residentId, reason: 'mistake' }));
    // Sent two days later, the scan keeps its own time (its offset as the device wrote it).
    world.clock.set('2026-06-03T08:30:00.000Z');
    accepted(
      await recordAttendance(world, organizer(), {
        activityId: 'A1',
        residentId,
        method: 'kiosk',
        at: '2026-06-01T10:15:00+02:00',
      }),
    );
    const events = await world.eventsOf('activity', 'A1');
    expect(events.slice(1)).toEqual([
      {
        type: 'ResidentAttended',
        data: expect.objectContaining({ residentId, method: 'organizer', at: '2026-06-01T08:30:00.000Z' }),
      },
      { type: 'AttendanceRevoked', data: { residentId, reason: 'mistake' } },
      {
        type: 'ResidentAttended',
        data: expect.objectContaining({ residentId, method: 'kiosk', at: '2026-06-01T08:15:00.000Z' }),
      },
    ]);
  });

  it("takes a resident's own check-in only with the sheet's ticket for this activity, at the server's clock", async () => {
    await plan('A1');
    await plan('A2');
    const window = { start: '2026-05-31T22:00:00.000Z', end: '2026-06-01T21:59:59.999Z' };
    const expires = '2026-06-01T22:30:00.000Z';
    const ticketFor = (activityId: string, community = 'c1') =>
      world.tickets.issue({ community, activityId, window, expires, timeZone: 'Europe/Paris' });
    const self = world.acting(['resident'], residentId);
    const checkIn = (extra: Record<string, unknown>) =>
      recordAttendance(world, self, { activityId: 'A1', residentId, method: 'qr', ...extra });
    world.clock.set('2026-06-01T08:30:00.000Z');
    await expect(checkIn({})).rejects.toMatchObject({ code: 'check-in-ticket-required' });
    await expect(checkIn({ ticket: 'not.a.ticket' })).rejects.toMatchObject({
      code: 'check-in-ticket-invalid',
    });
    await expect(checkIn({ ticket: await ticketFor('A2') })).rejects.toMatchObject({
      code: 'check-in-ticket-for-another-activity',
    });
    await expect(checkIn({ ticket: await ticketFor('A1', 'c2') })).rejects.toMatchObject({
      code: 'check-in-ticket-invalid',
    });
    const ticket = await ticketFor('A1');
    // A resident neither dates their check-in nor uses a kiosk's or an organizer's method.
    await expect(checkIn({ ticket, at: '2026-06-01T08:00:00Z' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(
      recordAttendance(world, self, { activityId: 'A1', residentId, method: 'kiosk' }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    accepted(await checkIn({ ticket }));
    expect((await world.eventsOf('activity', 'A1')).at(-1)).toEqual({
      type: 'ResidentAttended',
      data: { residentId, method: 'qr', at: '2026-06-01T08:30:00.000Z' },
    });
    // The next week the photographed sheet is refused, and says when it closed.
    world.clock.set('2026-06-08T08:30:00.000Z');
    await expect(
      recordAttendance(world, world.acting(['organizer'], 'O1'), {
        activityId: 'A1',
        residentId,
        method: 'qr',
        ticket,
      }),
    ).rejects.toMatchObject({ code: 'check-in-ticket-expired', detail: expect.stringContaining(expires) });
  });

  it("refuses an organizer's late entry unless it is a correction, which the record names", async () => {
    await plan('A1');
    world.clock.set('2026-06-02T08:00:00.000Z');
    const late = await recordAttendance(world, organizer(), {
      activityId: 'A1',
      residentId,
      method: 'organizer',
    });
    expect(late.outcome).toMatchObject({ code: 'check-in-too-late' });
    await expect(
      recordAttendance(world, organizer(), {
        activityId: 'A1',
        residentId,
        method: 'organizer',
        at: '2026-06-01T10:00:00+02:00',
      }),
    ).rejects.toMatchObject({ code: 'check-in-time-not-allowed' });
    await expect(
      recordAttendance(world, organizer(), {
        activityId: 'A1',
        residentId,
        method: 'kiosk',
        correction: { reason: 'paper sheet' },
      }),
    ).rejects.toMatchObject({ code: 'correction-needs-organizer' });
    accepted(
      await recordAttendance(world, organizer(), {
        activityId: 'A1',
        residentId,
        method: 'organizer',
        at: '2026-06-01T10:00:00+02:00',
        correction: { reason: 'entered from the paper sheet' },
      }),
    );
    expect((await world.eventsOf('activity', 'A1')).at(-1)).toEqual({
      type: 'ResidentAttended',
      data: {
        residentId,
        method: 'organizer',
        at: '2026-06-01T08:00:00.000Z',
        correction: { reason: 'entered from the paper sheet' },
      },
    });
  });
});
