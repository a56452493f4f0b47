import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitCount, startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = Record<string, unknown> & { id: string; position: string; version: number };
type CalendarPage = { items: { title: string }[]; nextCursor: string | null };

describe('plans, activities and attendance over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let organizer: string;
  let planId: string;
  const residents: string[] = [];
  // Check-ins are judged by their time (issue 25): the test moves the server's clock through April.
  const clock = new ManualClock('2026-04-02T02:00:00Z');

  beforeAll(async () => {
    api = await startApi({ clock });
    admin = await api.token('admin');
    organizer = await api.token('organizer');
    const plan = await api.as(admin).post<Answer>('/plans', {
      communityName: 'Venus community',
      year: 2026,
      title: 'Cultural services 2026',
    });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
    for (let i = 0; i < 12; i++) {
      const r = await api
        .as(admin)
        .post<Answer>('/residents', { name: `Resident ${i}`, householdId: `H-${i % 4}` });
      residents.push(r.body.id);
    }
  });
  afterAll(async () => api?.close());

  it('creates a plan with targets and an organizing group, and reads it back', async () => {
    const target = await api.as(admin).post<Answer>(`/plans/${planId}/targets`, {
      targetId: 'study-quarterly',
      description: 'At least 2 study sessions a quarter',
      metric: 'activities-held',
      category: 'party-education',
      format: 'study-session',
      minimum: 2,
      per: 'quarter',
    });
    expect(target.status).toBe(201);
    expect(target.body.id).toBe('study-quarterly');
    const group = await api.as(admin).post<Answer>(`/plans/${planId}/organizing-group`, {
      leader: { name: 'Director Zhou', email: 'zhou@example.org' },
      deputies: [{ name: 'Deputy Qian', email: 'qian@example.org' }],
      members: [{ name: 'Cadre Sun' }],
    });
    expect(group.status).toBe(201);
    const plan = await api.as(organizer).get(`/plans/${planId}?consistentWith=${group.body.position}`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      planId,
      year: 2026,
      timeZone: 'Asia/Shanghai',
      targets: [{ targetId: 'study-quarterly', minimum: 2, per: 'quarter' }],
      organizingGroup: { leader: { name: 'Director Zhou' }, deputies: [{ name: 'Deputy Qian' }] },
    });
    const missingCategory = await api.as(admin).post<Answer>(`/plans/${planId}/targets`, {
      description: 'x',
      metric: 'record-complete',
      minimum: 1,
      per: 'month',
    });
    expect(missingCategory.status).toBe(400);
    expect(missingCategory.body.code).toBe('target-needs-category');
    expect(
      (
        await api.as(admin).post<Answer>(`/plans/${planId}/targets`, {
          description: 'x',
          metric: 'nonsense',
          minimum: 1,
          per: 'month',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api
          .as(admin)
          .post<Answer>('/plans', { communityName: 'x', year: 2026, title: 'x', timeZone: 'Mars/Olympus' })
      ).status,
    ).toBe(400);
    expect((await api.as(organizer).get(`/plans/${'0'.repeat(26)}`)).status).toBe(404);
  });

  it('plans, registers, attends, revokes, holds, and shows it in every view', async () => {
    const planned = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'sports-fitness',
      format: 'competition',
      title: 'May Day friendly basketball',
      window: { start: '2026-04-20', end: '2026-04-30' },
      venue: 'Three street corners court',
      capacity: 3,
    });
    expect(planned.status).toBe(201);
    expect(planned.body.events).toEqual([{ eventId: expect.any(String), type: 'ActivityPlanned' }]);
    const id = planned.body.id;
    expect(
      (await api.as(organizer).post<Answer>(`/activities/${id}/registrations`, { residentId: residents[0] }))
        .status,
    ).toBe(201);
    expect(
      (await api.as(organizer).post<Answer>(`/activities/${id}/registrations`, { residentId: residents[1] }))
        .status,
    ).toBe(201);
    const dup = await api
      .as(organizer)
      .post<Answer>(`/activities/${id}/registrations`, { residentId: residents[1] });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('already-registered');
    // A kiosk's scan, sent a day later, keeps its scan time; an organizer's entry is timed now.
    clock.set('2026-04-26T02:00:00Z');
    const attendedA = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[0],
      method: 'kiosk',
      at: '2026-04-25T10:00:00+08:00',
    });
    expect(attendedA.status).toBe(201);
    expect(attendedA.body.events).toEqual([{ eventId: expect.any(String), type: 'ResidentAttended' }]);
    expect(
      (
        await api
          .as(organizer)
          .post<Answer>(`/activities/${id}/attendance`, { residentId: residents[2], method: 'kiosk' })
      ).status,
    ).toBe(201);
    const twice = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[0],
      method: 'organizer',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already-attended');
    expect(twice.headers.get('content-type')).toBe('application/problem+json');
    const revoked = await api
      .as(organizer)
      .post<Answer>(`/activities/${id}/attendance/${residents[2]}/revoke`, {
        reason: 'signed in by mistake',
      });
    expect(revoked.status).toBe(201);
    const again = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[2],
      method: 'organizer',
    });
    expect(again.status).toBe(201);
    clock.set('2026-04-28T12:00:00Z');
    const held = await api.as(organizer).post<Answer>(`/activities/${id}/held`, {
      heldOn: '2026-04-28',
      summary: 'Eight teams played',
      lecturer: 'Coach Ma',
      trainingPlan: 'Warm-up; matches; awards',
      headcount: 64,
    });
    expect(held.status).toBe(201);

    const detail = await api.as(organizer).get(`/activities/${id}?consistentWith=${held.body.position}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      activityId: id,
      status: 'held',
      registeredCount: 2,
      attendanceCount: 2,
      window: { start: '2026-04-19T16:00:00.000Z', end: '2026-04-30T15:59:59.999Z' },
      held: {
        heldOn: '2026-04-27T16:00:00.000Z',
        lecturer: 'Coach Ma',
        headcount: 64,
        heldWithinWindow: true,
      },
      version: held.body.version,
    });
    const attendees = (detail.body.attendees as { residentId: string; status: string }[])
      .map((a) => [a.residentId, a.status])
      .sort();
    expect(attendees).toEqual(
      [
        [residents[0], 'attended'],
        [residents[2], 'attended'],
      ].sort(),
    );
    // Residents and leaders see the count, not who came.
    const asLeader = await api.as(await api.token('leader')).get(`/activities/${id}`);
    expect(asLeader.body.attendanceCount).toBe(2);
    expect(asLeader.body.attendees).toBeUndefined();

    const calendar = await api
      .as(organizer)
      .get<{ items: { activityId: string }[] }>(
        `/activities?from=2026-04-01&to=2026-04-30&category=sports-fitness&status=held`,
      );
    expect(calendar.body.items.map((a) => a.activityId)).toEqual([id]);
    expect(
      (
        await api.as(organizer).get<{ items: unknown[] }>('/activities?from=2026-05-01&to=2026-05-31')
      ).body.items.map((a) => (a as { activityId: string }).activityId),
    ).not.toContain(id);
    expect(
      (await api.as(organizer).get<{ items: unknown[] }>('/activities?category=festival')).body.items,
    ).toEqual([]);

    const me = await api.token('resident', { sub: residents[0] });
    const participation = await api
      .as(me)
      .get<{ activities: Record<string, unknown>[]; totals: unknown }>(
        `/residents/${residents[0]}/participation`,
      );
    expect(participation.status).toBe(200);
    expect(participation.body.activities).toEqual([
      expect.objectContaining({
        activityId: id,
        title: 'May Day friendly basketball',
        registered: true,
        attended: true,
        method: 'kiosk',
        attendedAt: '2026-04-25T02:00:00.000Z',
      }),
    ]);
    expect(participation.body.totals).toMatchObject({ registered: 1, attended: 1 });
    expect((await api.as(me).get(`/residents/${residents[1]}/participation`)).status).toBe(403);
  });

  it('refuses what the rules forbid with the right status, and writes nothing', async () => {
    const before = await commitCount(api);
    const outside = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'festival',
      format: 'performance',
      title: 'New Year 2027',
      window: { start: '2027-01-01', end: '2027-01-02' },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('window-outside-plan-year');
    const backwards = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'festival',
      format: 'performance',
      title: 'x',
      window: { start: '2026-06-02', end: '2026-06-01' },
    });
    expect(backwards.body.code).toBe('window-ends-before-start');
    const noPlan = await api.as(organizer).post<Answer>('/activities', {
      planId: '0'.repeat(26),
      category: 'festival',
      format: 'performance',
      title: 'x',
      window: { start: '2026-06-01', end: '2026-06-01' },
    });
    expect(noPlan.status).toBe(404);
    const badDate = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'festival',
      format: 'performance',
      title: 'x',
      window: { start: '2026-02-30', end: '2026-03-01' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ path: 'body.window.start' })]);
    expect(await commitCount(api)).toBe(before);

    const festival = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'festival',
      format: 'performance',
      title: "Children's Day show",
      window: { start: '2026-05-20', end: '2026-06-01' },
    });
    const id = festival.body.id;
    const unknown = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      method: 'organizer',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('resident-not-found');
    const stale = await api.as(organizer).post<Answer>(
      `/activities/${id}/cancel`,
      { reason: 'typhoon' },
      {
        headers: {
          'if-match': '"7"',
        },
      },
    );
    expect(stale.status).toBe(412);
    const cancel = await api.as(organizer).post<Answer>(
      `/activities/${id}/cancel`,
      { reason: 'typhoon' },
      {
        headers: {
          'if-match': `"${festival.body.version}"`,
        },
      },
    );
    expect(cancel.status).toBe(201);
    const onCancelled = await api
      .as(organizer)
      .post<Answer>(`/activities/${id}/registrations`, { residentId: residents[3] });
    expect(onCancelled.status).toBe(409);
    expect(onCancelled.body.code).toBe('activity-cancelled');
    const attendCancelled = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[3],
      method: 'organizer',
    });
    expect(attendCancelled.body.code).toBe('activity-cancelled');
    // A resident signs in themselves only; a judge cannot plan.
    const someoneElse = await api
      .as(await api.token('resident', { sub: residents[3] }))
      .post<Answer>(`/activities/${id}/attendance`, { residentId: residents[4], method: 'qr' });
    expect(someoneElse.status).toBe(403);
    expect((await api.as(await api.token('judge')).post<Answer>('/activities', { planId })).status).toBe(403);
  });

  it('reschedules into a new window and the calendar follows', async () => {
    const planned = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'legal-education',
      format: 'lecture',
      title: 'Law lecture with the police station',
      window: { start: '2026-03-10', end: '2026-03-10' },
    });
    const moved = await api.as(organizer).post<Answer>(`/activities/${planned.body.id}/reschedule`, {
      window: { start: '2026-03-17T19:00:00+08:00', end: '2026-03-17T21:00:00+08:00' },
      reason: 'officer on duty',
    });
    expect(moved.status).toBe(201);
    const detail = await api
      .as(organizer)
      .get(`/activities/${planned.body.id}?consistentWith=${moved.body.position}`);
    expect(detail.body.window).toEqual({
      start: '2026-03-17T11:00:00.000Z',
      end: '2026-03-17T13:00:00.000Z',
    });
    expect(detail.body.rescheduled).toEqual([expect.objectContaining({ reason: 'officer on duty' })]);
    const week = await api
      .as(organizer)
      .get<{ items: { activityId: string }[] }>(
        '/activities?from=2026-03-16&to=2026-03-22&category=legal-education',
      );
    expect(week.body.items.map((a) => a.activityId)).toEqual([planned.body.id]);
    const before = await api
      .as(organizer)
      .get<{ items: { activityId: string }[] }>(
        '/activities?from=2026-03-09&to=2026-03-11&category=legal-education',
      );
    expect(before.body.items).toEqual([]);
  });

  it('never lets 50 concurrent registrations exceed 10 places: the others wait in line', async () => {
    const planned = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'library-reading',
      format: 'reading',
      title: 'Reading club',
      window: { start: '2026-07-01', end: '2026-07-31' },
      capacity: 10,
    });
    const people: string[] = [];
    for (let i = 0; i < 50; i++)
      people.push(
        (await api.as(admin).post<Answer>('/residents', { name: `Reader ${i}`, householdId: `R-${i}` })).body
          .id,
      );
    const answers = await Promise.all(
      people.map((residentId) =>
        api.as(organizer).post<Answer>(`/activities/${planned.body.id}/registrations`, { residentId }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted.filter((a) => a.body.status === 'registered')).toHaveLength(10);
    // A lost race that exhausts the retries writes nothing and says so; every other answer waits in line.
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('concurrent-update');
    }
    const waiting = accepted.filter((a) => a.body.status === 'waitlisted');
    expect(waiting.map((a) => a.body.waitlistPosition).sort((x, y) => Number(x) - Number(y))).toEqual(
      waiting.map((_, i) => i + 1),
    );
    const last = accepted.sort((a, b) => b.body.version - a.body.version)[0]!;
    const detail = await api
      .as(organizer)
      .get(`/activities/${planned.body.id}?consistentWith=${last.body.position}`);
    expect(detail.body.registeredCount).toBe(10);
    expect(detail.body.waitlistedCount).toBe(waiting.length);
  }, 60_000);
  it('pages the calendar over HTTP within `limit`, the long windows reaching `from` first', async () => {
    const own = await api
      .as(admin)
      .post<Answer>('/plans', { communityName: 'Venus', year: 2026, title: 'Paging' });
    const plan = own.body.id;
    const activity = (title: string, start: string, end: string) =>
      api.as(organizer).post<Answer>('/activities', {
        planId: plan,
        category: 'festival',
        format: 'lecture',
        title,
        window: { start, end },
      });
    // Begun in August, still open in October: more than a month before `from`.
    for (const [i, title] of ['Long 1', 'Long 2'].entries())
      expect((await activity(title, `2026-08-0${i + 1}`, '2026-11-30')).status).toBe(201);
    for (const [i, title] of ['Short 1', 'Short 2'].entries())
      expect((await activity(title, `2026-10-1${i}`, `2026-10-1${i}`)).status).toBe(201);
    const titles: string[] = [];
    let path: string | undefined = `/activities?planId=${plan}&from=2026-10-01&limit=1`;
    while (path) {
      const page: { status: number; body: CalendarPage } = await api.as(organizer).get<CalendarPage>(path);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      titles.push(...page.body.items.map((a) => a.title));
      path = page.body.nextCursor
        ? `/activities?planId=${plan}&from=2026-10-01&limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`
        : undefined;
    }
    expect(titles).toEqual(['Long 1', 'Long 2', 'Short 1', 'Short 2']);
  });
});
