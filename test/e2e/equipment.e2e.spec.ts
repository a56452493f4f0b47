import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitCount, startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = Record<string, unknown> & { id: string; streamId: string; position: string; code?: string };
type Standing = {
  equipmentId: string;
  item: string;
  status: string;
  overdue: { reason: string; since: string }[];
};

/** A venue's register and its instructors, built through the API on a clock the test moves. */
describe('sports equipment and instructors over HTTP', () => {
  const clock = new ManualClock('2026-03-01T02:00:00Z');
  let api: TestApi;
  let admin: string;
  let organizer: string;
  let leader: string;
  let planId: string;
  let venueId: string;
  const items: Record<string, string> = {};

  const at = (local: string) => clock.set(new Date(`${local}+08:00`));
  const overdue = async (asOf?: string) => {
    const answer = await api
      .as(leader)
      .get<{ asOf: string; items: Standing[] }>(
        `/equipment/overdue${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
        { settled: true },
      );
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    api = await startApi({ clock });
    [admin, organizer, leader] = await Promise.all([
      api.token('admin'),
      api.token('organizer'),
      api.token('leader'),
    ]);
    planId = (
      await api.as(admin).post<Answer>('/plans', { communityName: 'Venus', year: 2026, title: 'Plan 2026' })
    ).body.id;
  });
  afterAll(async () => api?.close());

  it('registers a venue with three items, inspects two, repairs the unsafe one and answers what is overdue then and later', async () => {
    at('2026-03-01T10:00:00');
    const venue = await api.as(organizer).post<Answer>('/venues', {
      planId,
      name: 'Three street corners square',
      kind: 'square',
      location: 'Venus Rd and Garden St',
    });
    expect(venue.status).toBe(201);
    expect(venue.body.events).toEqual([{ eventId: expect.any(String), type: 'VenueRegistered' }]);
    venueId = venue.body.id;
    for (const item of ['Twist walker', 'Pull-up bar', 'Table tennis table']) {
      const installed = await api.as(organizer).post<Answer>(`/venues/${venueId}/equipment`, {
        item,
        installedOn: '2026-01-10',
        quantity: 2,
      });
      expect(installed.status).toBe(201);
      expect(installed.body.streamId).toBe(venue.body.streamId);
      items[item] = installed.body.id;
    }
    expect(items['Pull-up bar']).toMatch(new RegExp(`^${venueId}-`));

    at('2026-03-05T10:00:00');
    const good = await api.as(organizer).post<Answer>(`/equipment/${items['Twist walker']}/inspections`, {
      inspectedOn: '2026-03-05',
      inspector: 'Inspector Wang',
      condition: 'good',
    });
    expect(good.status).toBe(201);
    const unsafe = await api.as(organizer).post<Answer>(`/equipment/${items['Pull-up bar']}/inspections`, {
      inspectedOn: '2026-03-05',
      inspector: 'Inspector Wang',
      condition: 'unsafe',
      notes: 'the bar turns in its socket',
    });
    expect(unsafe.status).toBe(201);

    at('2026-03-08T10:00:00');
    const repaired = await api.as(organizer).post<Answer>(`/equipment/${items['Pull-up bar']}/maintenance`, {
      doneOn: '2026-03-07',
      by: 'District sports bureau',
      work: 'socket re-welded',
    });
    expect(repaired.status).toBe(201);

    // As of 6 March: the table (installed 10 January, 31 days) is overdue since 11 February, the bar is unsafe.
    const sixthOfMarch = await overdue('2026-03-06T12:00:00+08:00');
    expect(sixthOfMarch.asOf).toBe('2026-03-06T04:00:00.000Z');
    expect(sixthOfMarch.items.map((i) => [i.item, i.overdue.map((o) => o.reason)])).toEqual([
      ['Pull-up bar', ['unsafe']],
      ['Table tennis table', ['never-inspected']],
    ]);
    expect(sixthOfMarch.items[1]!.overdue[0]!.since).toBe('2026-02-10T16:00:00.000Z');

    // Now (8 March): the bar was repaired; only the table is still overdue.
    const now = await overdue();
    expect(now.items.map((i) => i.item)).toEqual(['Table tennis table']);

    // As of 20 April: the two inspected on 5 March are due again too (covered to 5 April).
    const later = await overdue('2026-04-20T12:00:00+08:00');
    expect(later.items.map((i) => [i.item, i.overdue.map((o) => o.reason)])).toEqual([
      ['Twist walker', ['inspection-due']],
      ['Pull-up bar', ['inspection-due']],
      ['Table tennis table', ['never-inspected']],
    ]);

    const register = await api
      .as(leader)
      .get<{ name: string; equipment: Standing[] }>(`/venues/${venueId}`, { settled: true });
    expect(register.status).toBe(200);
    expect(register.body.name).toBe('Three street corners square');
    expect(register.body.equipment.map((e) => [e.item, e.status])).toEqual(
      [
        ['Twist walker', 'in-service'],
        ['Pull-up bar', 'in-service'],
        ['Table tennis table', 'in-service'],
      ].sort((a, b) => items[a[0]!]!.localeCompare(items[b[0]!]!)),
    );
    const venues = await api.as(leader).get<{ items: { venueId: string }[] }>('/venues', { settled: true });
    expect(venues.body.items.map((v) => v.venueId)).toEqual([venueId]);
  });

  it('refuses conflicting records with 409, bad input with 400, unknown ids with 404, and writes nothing', async () => {
    at('2026-03-10T10:00:00');
    const before = await commitCount(api);
    const early = await api.as(organizer).post<Answer>(`/equipment/${items['Twist walker']}/inspections`, {
      inspectedOn: '2026-01-02',
      inspector: 'Wang',
      condition: 'good',
    });
    expect([early.status, early.body.code]).toEqual([409, 'inspected-before-installation']);
    const future = await api.as(organizer).post<Answer>(`/equipment/${items['Twist walker']}/inspections`, {
      inspectedOn: '2026-03-20',
      inspector: 'Wang',
      condition: 'good',
    });
    expect([future.status, future.body.code]).toEqual([400, 'dated-in-the-future']);
    const badCondition = await api
      .as(organizer)
      .post<Answer>(`/equipment/${items['Twist walker']}/inspections`, {
        inspectedOn: '2026-03-09',
        inspector: 'Wang',
        condition: 'wobbly',
      });
    expect(badCondition.status).toBe(400);
    const unknownVenue = await api.as(organizer).post<Answer>(`/venues/${'0'.repeat(26)}/equipment`, {
      item: 'x',
      installedOn: '2026-01-01',
    });
    expect([unknownVenue.status, unknownVenue.body.code]).toEqual([404, 'venue-not-found']);
    const unknownItem = await api
      .as(organizer)
      .post<Answer>(`/equipment/${venueId}-${'1'.repeat(26)}/maintenance`, {
        doneOn: '2026-03-09',
        by: 'x',
        work: 'y',
      });
    expect([unknownItem.status, unknownItem.body.code]).toEqual([404, 'equipment-not-found']);
    expect(
      (
        await api
          .as(organizer)
          .post<Answer>('/equipment/not-an-id/retire', { retiredOn: '2026-03-09', reason: 'x' })
      ).status,
    ).toBe(400);
    expect(
      (
        await api
          .as(organizer)
          .post<Answer>('/venues', { name: 'x', kind: 'court', location: 'y', planId: '0'.repeat(26) })
      ).status,
    ).toBe(404);
    expect((await api.as(leader).get(`/venues/${'0'.repeat(26)}`, { settled: true })).status).toBe(404);
    expect(await commitCount(api)).toBe(before);

    const retired = await api.as(organizer).post<Answer>(`/equipment/${items['Table tennis table']}/retire`, {
      retiredOn: '2026-03-10',
      reason: 'top cracked',
    });
    expect(retired.status).toBe(201);
    const afterRetirement = await api
      .as(organizer)
      .post<Answer>(`/equipment/${items['Table tennis table']}/maintenance`, {
        doneOn: '2026-03-10',
        by: 'x',
        work: 'y',
      });
    expect([afterRetirement.status, afterRetirement.body.code]).toEqual([409, 'equipment-retired']);
    expect((await overdue()).items).toEqual([]);
  });

  it('keeps writes to staff and reads to overseers', async () => {
    const resident = await api.token('resident');
    expect(
      (await api.as(leader).post<Answer>('/venues', { name: 'x', kind: 'court', location: 'y' })).status,
    ).toBe(403);
    expect((await api.as(resident).get('/equipment/overdue', { settled: true })).status).toBe(403);
    expect((await api.as(await api.token('auditor')).get('/instructors', { settled: true })).status).toBe(
      200,
    );
  });

  it('registers instructors and their sessions, counted per period', async () => {
    at('2026-07-01T10:00:00');
    const activity = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'sports-fitness',
      format: 'lecture',
      title: 'Scientific fitness lecture',
      window: { start: '2026-07-10', end: '2026-07-10' },
    });
    const festival = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'festival',
      format: 'performance',
      title: 'Mid-Autumn evening',
      window: { start: '2026-09-20', end: '2026-09-20' },
    });
    const coach = await api.as(organizer).post<Answer>('/instructors', {
      name: 'Coach Liu',
      specialty: 'square dance',
      certifiedUntil: '2027-06-30',
    });
    expect(coach.status).toBe(201);
    const other = await api
      .as(organizer)
      .post<Answer>('/instructors', { name: 'Coach Zhao', specialty: 'basketball' });
    const instructorId = coach.body.id;

    at('2026-07-12T10:00:00');
    const session = await api.as(organizer).post<Answer>(`/instructors/${instructorId}/sessions`, {
      activityId: activity.body.id,
      heldOn: '2026-07-10',
      venueId,
      topic: 'Warming up and stretching',
      participants: 30,
    });
    expect(session.status).toBe(201);
    expect(session.body.events).toEqual([{ eventId: expect.any(String), type: 'InstructorSessionHeld' }]);
    expect(
      (
        await api
          .as(organizer)
          .post<Answer>(`/instructors/${instructorId}/sessions`, { heldOn: '2026-06-28', topic: 'Posture' })
      ).status,
    ).toBe(201);
    const wrong = await api.as(organizer).post<Answer>(`/instructors/${instructorId}/sessions`, {
      activityId: festival.body.id,
      heldOn: '2026-07-11',
      topic: 'x',
    });
    expect([wrong.status, wrong.body.code]).toEqual([409, 'activity-not-sports-fitness']);
    const nobody = await api.as(organizer).post<Answer>(`/instructors/${'0'.repeat(26)}/sessions`, {
      heldOn: '2026-07-11',
      topic: 'x',
    });
    expect([nobody.status, nobody.body.code]).toEqual([404, 'instructor-not-found']);
    expect(
      (await api.as(organizer).post<Answer>('/instructors', { name: 'x', specialty: 'y', phone: '123' }))
        .status,
    ).toBe(400);

    const q3 = await api.as(leader).get<{
      items: { instructorId: string; sessionsTotal: number; sessionsInPeriod: number }[];
    }>('/instructors?period=2026-Q3', { settled: true });
    expect(q3.status).toBe(200);
    expect(q3.body.items.map((i) => [i.instructorId, i.sessionsTotal, i.sessionsInPeriod])).toEqual([
      [instructorId, 2, 1],
      [other.body.id, 0, 0],
    ]);
    expect((await api.as(leader).get('/instructors?period=2026-Q5', { settled: true })).status).toBe(400);
    const detail = await api
      .as(leader)
      .get<{ name: string; sessions: { topic: string; heldDay: string }[] }>(
        `/instructors/${instructorId}?period=2026-07`,
        { settled: true },
      );
    expect(detail.body.sessions.map((s) => [s.heldDay, s.topic])).toEqual([
      ['2026-07-10', 'Warming up and stretching'],
    ]);
    expect((await api.as(leader).get(`/instructors/${'0'.repeat(26)}`, { settled: true })).status).toBe(404);
  });
});
