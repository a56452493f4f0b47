import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelActivity,
  planActivity,
  registerResident,
} from '../../../../functions/app/activity/activities.commands.js';
import { getActivity } from '../../../../functions/app/activity/activities.queries.js';
import { recordAttendance } from '../../../../functions/app/activity/attendance.commands.js';
import { listActivities } from '../../../../functions/app/activity/calendar.queries.js';
import { getParticipation } from '../../../../functions/app/activity/participation.queries.js';
import { appointOrganizingGroup } from '../../../../functions/app/plan/organizing-group.commands.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { getPlan, listPlans } from '../../../../functions/app/plan/plans.queries.js';
import { nameModel, recordGoodDeed } from '../../../../functions/app/recognition/recognition.commands.js';
import { listGoodDeeds } from '../../../../functions/app/recognition/recognition.queries.js';
import { enrollResident } from '../../../../functions/app/resident/residents.commands.js';
import { getResident, listResidents } from '../../../../functions/app/resident/residents.queries.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

/** One small community, written through the command use cases and projected, then read back. */
describe('query use cases, on the projected views', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  const page = { limit: 50 };

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    world = await useCaseWorld(engine);
    const admin = world.acting(['admin'], 'A1');
    accepted(
      await createPlan(world, admin, {
        planId: 'P1',
        communityName: 'Riverside',
        year: 2026,
        title: 'Plan 2026',
        timeZone: 'Europe/Paris',
      }),
    );
    for (const [residentId, name] of [
      ['R1', 'Li Wei'],
      ['R2', 'Wang Fang'],
    ] as const)
      accepted(
        await enrollResident(world, admin, {
          residentId,
          name,
          householdId: `H-${residentId}`,
          phone: '+86 1000',
        }),
      );
    accepted(
      await appointOrganizingGroup(world, admin, {
        planId: 'P1',
        leader: { name: 'Li Wei', email: 'li@example.org', residentId: 'R1' },
        deputies: [],
        members: [],
        newPersonId: () => 'UNUSED',
      }),
    );
    const activity = (activityId: string, day: string, title: string) =>
      planActivity(world, admin, {
        activityId,
        planId: 'P1',
        category: 'legal-education',
        format: 'lecture',
        title,
        window: { start: day, end: day },
      });
    // 1 June and 2 June in Paris: 31 May 22:00Z .. 2 June 21:59Z.
    accepted(await activity('A1', '2026-06-01', 'Know your rights'));
    accepted(await activity('A2', '2026-06-02', 'Tenancy law'));
    accepted(await activity('A3', '2026-06-03', 'Cancelled talk'));
    accepted(await cancelActivity(world, admin, { activityId: 'A3', reason: 'storm' }));
    accepted(await registerResident(world, admin, { activityId: 'A2', residentId: 'R1' }));
    // A kiosk's scan on the day, sent then (check-in is timed, issue 25).
    world.clock.set('2026-06-01T12:00:00.000Z');
    accepted(
      await recordAttendance(world, admin, {
        activityId: 'A1',
        residentId: 'R1',
        method: 'kiosk',
        at: '2026-06-01',
      }),
    );
    accepted(
      await recordGoodDeed(world, admin, {
        deedId: 'D1',
        planId: 'P1',
        residentIds: ['R1'],
        title: 'Cleared the stairwell',
        description: 'after the storm',
        date: '2026-03-08',
      }),
    );
    accepted(
      await nameModel(world, admin, {
        modelId: 'M1',
        residentId: 'R1',
        title: 'good-neighbor',
        citation: 'kind',
      }),
    );
    await world.project();
  });
  afterAll(async () => engine?.close());

  it("reads the calendar's from and to in the plan's zone, and filters by status", async () => {
    const staff = world.as(['organizer']);
    // "2026-06-01".."2026-06-01" in Paris overlaps A1 only (A2 starts at 1 June 22:00Z, after it ends).
    const day = await listActivities(world, staff, {
      ...page,
      planId: 'P1',
      from: '2026-06-01',
      to: '2026-06-01',
    });
    expect(day.items.map((a) => a.activityId)).toEqual(['A1']);
    expect(day.items[0]).toMatchObject({ title: 'Know your rights', attendanceCount: 1, version: 2 });
    const cancelled = await listActivities(world, staff, { ...page, planId: 'P1', status: 'cancelled' });
    expect(cancelled.items.map((a) => a.activityId)).toEqual(['A3']);
    await expect(listActivities(world, staff, { ...page, planId: 'NOPE' })).rejects.toMatchObject({
      kind: 'not-found',
      code: 'not-found',
    });
  });

  it('shows the attendee list to staff only', async () => {
    const forStaff = await getActivity(world, world.as(['organizer']), { activityId: 'A1' });
    expect(forStaff.attendees).toEqual([expect.objectContaining({ residentId: 'R1', status: 'attended' })]);
    const forResident = await getActivity(world, world.as(['resident'], 'R2'), { activityId: 'A1' });
    expect(forResident).toMatchObject({ activityId: 'A1', version: 2 });
    expect(forResident).not.toHaveProperty('attendees');
    await expect(getActivity(world, world.as(['organizer']), { activityId: 'NOPE' })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it("shows a resident's phone to staff and to themself only, and their record to no other resident", async () => {
    expect(await getResident(world, world.as(['organizer']), { residentId: 'R1' })).toMatchObject({
      name: 'Li Wei',
      phone: '+86 1000',
    });
    expect(await getResident(world, world.as(['resident'], 'R1'), { residentId: 'R1' })).toHaveProperty(
      'phone',
    );
    const forJudge = await getResident(world, world.as(['judge']), { residentId: 'R1' });
    expect(forJudge).toMatchObject({ name: 'Li Wei', version: 1 });
    expect(forJudge).not.toHaveProperty('phone');
    await expect(
      getResident(world, world.as(['resident'], 'R2'), { residentId: 'R1' }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'forbidden',
    });
    const roster = await listResidents(world, world.as(['leader']), page);
    expect(roster.items.map((r) => r.name)).toEqual(['Li Wei', 'Wang Fang']);
    expect(roster.items.some((r) => 'phone' in r)).toBe(false);
  });

  it("joins a resident's participation: activities with their titles by start, deeds, models and totals", async () => {
    const participation = await getParticipation(world, world.as(['resident'], 'R1'), { residentId: 'R1' });
    expect(participation).toMatchObject({
      residentId: 'R1',
      activities: [
        { activityId: 'A1', title: 'Know your rights', attended: true, status: 'planned' },
        { activityId: 'A2', title: 'Tenancy law', registered: true, attended: false },
      ],
      articles: [],
      goodDeeds: [{ deedId: 'D1', title: 'Cleared the stairwell', date: '2026-03-08', planId: 'P1' }],
      models: [{ modelId: 'M1', title: 'good-neighbor', citation: 'kind' }],
      totals: { registered: 1, attended: 1, qualityArticles: 0, goodDeeds: 1 },
    });
    await expect(
      getParticipation(world, world.as(['resident'], 'R2'), { residentId: 'R1' }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(
      getParticipation(world, world.as(['auditor']), { residentId: 'NOPE' }),
    ).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it("shows the organizing group's email addresses to staff only; lists plans and good deeds", async () => {
    const forAdmin = await getPlan(world, world.as(['admin']), { planId: 'P1' });
    expect(forAdmin.organizingGroup?.leader).toMatchObject({ name: 'Li Wei', email: 'li@example.org' });
    const forResident = await getPlan(world, world.as(['resident'], 'R2'), { planId: 'P1' });
    expect(forResident.organizingGroup?.leader).toEqual({ name: 'Li Wei', residentId: 'R1' });
    const plans = await listPlans(world, world.as(['judge']), page);
    expect(plans.items.map((p) => [p.planId, p.organizingGroup?.leader.email])).toEqual([['P1', undefined]]);
    const deeds = await listGoodDeeds(world, world.as(['resident'], 'R2'), { ...page, planId: 'P1' });
    expect(deeds).toMatchObject({ items: [{ deedId: 'D1', residentIds: ['R1'] }], nextCursor: undefined });
  });
});
