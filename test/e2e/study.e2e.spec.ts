import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Item = {
  targetId: string;
  period: string;
  required: number;
  actual: number;
  status: string;
  evidence: string[];
  shortMembers?: string[];
};
type Standing = { activityId: string; standing: string; leave?: { status: string }; madeUp?: { by: string } };

/** Leave and make-up for party study sessions, through HTTP, on a clock the test moves. */
describe('study leave and make-up over HTTP', () => {
  const clock = new ManualClock('2026-01-02T01:00:00Z');
  let api: TestApi;
  let organizer: string;
  let leader: string;
  let asM1: string;
  let planId: string;
  const ids: Record<string, string> = {};

  const at = (local: string) => clock.set(new Date(`${local}+08:00`));
  const compliance = async (asOf?: string) => {
    await api.runtime.dispatcher.idle();
    const query = asOf ? `?asOf=${encodeURIComponent(`${asOf}+08:00`)}` : '';
    const answer = await api.call<{ items: Item[] }>('GET', `/plans/${planId}/compliance${query}`, {
      token: leader,
    });
    expect(answer.status).toBe(200);
    return answer.body.items.find((i) => i.targetId === 'members' && i.period === '2026-Q1')!;
  };
  const session = async (name: string, day: string, more: Record<string, unknown> = {}) => {
    ids[name] = (
      await api.as(organizer).accepted<{ id: string }>('/activities', {
        planId,
        category: 'party-education',
        format: 'study-session',
        title: `Study ${name}`,
        window: { start: `${day}T19:00:00+08:00`, end: `${day}T21:00:00+08:00` },
        ...more,
      })
    ).id;
  };

  beforeAll(async () => {
    api = await startApi({ clock });
    const admin = await api.token('admin');
    organizer = await api.token('organizer');
    leader = await api.token('leader');
    planId = (
      await api
        .as(admin)
        .accepted<{ id: string }>('/plans', { communityName: 'Venus', year: 2026, title: 'Plan 2026' })
    ).id;
    await api.as(admin).accepted<{ id: string }>(`/plans/${planId}/targets`, {
      targetId: 'members',
      description: 'every member attends or makes up every study session',
      metric: 'members-study',
      minimum: 0,
      per: 'quarter',
    });
    for (const [name, partyMember] of [
      ['m1', true],
      ['m2', true],
      ['r1', false],
    ] as const)
      ids[name] = (
        await api
          .as(admin)
          .accepted<{ id: string }>('/residents', { name, householdId: `H-${name}`, partyMember })
      ).id;
    asM1 = await api.token('resident', { sub: ids.m1 });
    await session('s1', '2026-03-10');
    await session('s2', '2026-03-20');
    await session('s3', '2026-03-25');
    ids.lecture = (
      await api.as(organizer).accepted<{ id: string }>('/activities', {
        planId,
        category: 'legal-education',
        format: 'lecture',
        title: 'Law talk',
        window: { start: '2026-03-12', end: '2026-03-12' },
      })
    ).id;
  }, 60_000);
  afterAll(async () => api?.close());

  it('a member asks for leave before the session, for themself only; the organizer approves', async () => {
    at('2026-03-05T10:00:00');
    await api
      .as(asM1)
      .refused('POST', `/activities/${ids.s1}/leave`, { residentId: ids.m2, reason: 'x' }, 403);
    await api
      .as(organizer)
      .refused(
        'POST',
        `/activities/${ids.s1}/leave`,
        { residentId: ids.r1, reason: 'x' },
        409,
        'not-a-party-member',
      );
    await api
      .as(asM1)
      .refused(
        'POST',
        `/activities/${ids.lecture}/leave`,
        { residentId: ids.m1, reason: 'x' },
        409,
        'not-a-study-session',
      );
    // Staff must say for whom; a member asking for themself may leave residentId out.
    await api
      .as(organizer)
      .refused('POST', `/activities/${ids.s1}/leave`, { reason: 'x' }, 400, 'resident-required');
    await api.as(asM1).accepted<{ id: string }>(`/activities/${ids.s1}/leave`, { reason: 'night shift' });
    await api
      .as(asM1)
      .refused(
        'POST',
        `/activities/${ids.s1}/leave`,
        { residentId: ids.m1, reason: 'again' },
        409,
        'leave-already-requested',
      );
    await api.as(asM1).refused('POST', `/activities/${ids.s1}/leave/${ids.m1}/approve`, {}, 403);
    await api.as(organizer).accepted<{ id: string }>(`/activities/${ids.s1}/leave/${ids.m1}/approve`, {
      note: 'make it up on the 20th',
    });
    await api
      .as(organizer)
      .refused('POST', `/activities/${ids.s1}/leave/${ids.m1}/decline`, {}, 409, 'no-pending-leave');
  });

  it('refuses leave once the session started, and from a cancelled session', async () => {
    await api.as(organizer).accepted<{ id: string }>(`/activities/${ids.s3}/cancel`, { reason: 'moved' });
    await api
      .as(asM1)
      .refused(
        'POST',
        `/activities/${ids.s3}/leave`,
        { residentId: ids.m1, reason: 'x' },
        409,
        'activity-cancelled',
      );
    at('2026-03-10T19:30:00');
    await api
      .as(organizer)
      .refused(
        'POST',
        `/activities/${ids.s1}/leave`,
        { residentId: ids.m2, reason: 'late' },
        409,
        'session-started',
      );
    at('2026-03-10T21:00:00');
    await api.as(organizer).accepted<{ id: string }>(`/activities/${ids.s1}/held`, {
      heldOn: '2026-03-10T19:00:00+08:00',
      summary: 'The plenary',
    });
    // A paper slip: staff enter a leave asked before the start (a resident may not back-date one).
    const slip = { residentId: ids.m2, reason: 'paper slip', requestedAt: '2026-03-08' };
    await api.as(asM1).refused('POST', `/activities/${ids.s1}/leave`, { ...slip, residentId: ids.m1 }, 403);
    await api
      .as(organizer)
      .refused(
        'POST',
        `/activities/${ids.s1}/leave`,
        { ...slip, requestedAt: '2026-03-10T20:00:00+08:00' },
        409,
        'session-started',
      );
    await api
      .as(organizer)
      .refused(
        'POST',
        `/activities/${ids.s1}/leave`,
        { ...slip, requestedAt: '2026-03-11' },
        400,
        'dated-in-the-future',
      );
    await api.as(organizer).accepted<{ id: string }>(`/activities/${ids.s1}/leave`, slip);
    // One on approved leave, one absent (their slip undecided): the quarter is at risk, both short.
    expect(await compliance()).toMatchObject({
      required: 2,
      actual: 0,
      status: 'at-risk',
      evidence: [ids.s1],
      shortMembers: [ids.m1, ids.m2].sort(),
    });
  });

  it('a make-up by a later session the member attended closes the leave', async () => {
    const makeUp = `/activities/${ids.s1}/leave/${ids.m1}/make-up`;
    await api
      .as(organizer)
      .refused('POST', makeUp, { by: 'session', sessionId: ids.s2 }, 409, 'make-up-session-not-attended');
    at('2026-03-20T19:05:00');
    // A member checks in with the sheet's QR code (its ticket); the other at the organizer's kiosk.
    const link = await api
      .as(organizer)
      .call<Record<string, unknown>>('GET', `/activities/${ids.s2}/check-in-link`);
    const ticket = (link.body as { ticket: string }).ticket;
    await api.as(asM1).accepted<{ id: string }>(`/activities/${ids.s2}/attendance`, {
      residentId: ids.m1,
      method: 'qr',
      ticket,
    });
    await api
      .as(organizer)
      .accepted<{ id: string }>(`/activities/${ids.s2}/attendance`, { residentId: ids.m2, method: 'kiosk' });
    await api
      .as(organizer)
      .accepted<{ id: string }>(`/activities/${ids.s2}/held`, { heldOn: '2026-03-20', summary: 'Chapter 2' });
    at('2026-03-21T10:00:00');
    await api.as(asM1).refused('POST', makeUp, { by: 'session', sessionId: ids.s2 }, 403);
    await api.as(organizer).accepted<{ id: string }>(makeUp, { by: 'session', sessionId: ids.s2 });
    await api.as(organizer).refused('POST', makeUp, { by: 'note', note: 'again' }, 409, 'already-made-up');
    expect(await compliance()).toMatchObject({
      required: 4,
      actual: 3,
      status: 'at-risk',
      evidence: [ids.s1, ids.s2].sort(),
      shortMembers: [ids.m2],
    });
  });

  it("the member's study record: attended, made up, with the leave that preceded it", async () => {
    const record = await api.call<{
      partyMember: boolean;
      periods: Record<string, unknown>[];
      sessions: Standing[];
    }>('GET', `/residents/${ids.m1}/study-record?year=2026`, { token: asM1 });
    expect(record.status).toBe(200);
    expect(record.body.partyMember).toBe(true);
    expect(record.body.sessions).toMatchObject([
      { activityId: ids.s1, standing: 'made-up', leave: { status: 'approved' }, madeUp: { by: 'session' } },
      { activityId: ids.s2, standing: 'attended' },
    ]);
    expect(record.body.periods.find((p) => p.period === '2026-Q1')).toEqual({
      period: '2026-Q1',
      sessions: 2,
      attended: 1,
      madeUp: 1,
      onLeave: 0,
      absent: 0,
      upcoming: 0,
      notHeld: 0,
    });
    expect((await api.call('GET', `/residents/${ids.m2}/study-record`, { token: asM1 })).status).toBe(403);
    const participation = await api.call<{ activities: Record<string, unknown>[] }>(
      'GET',
      `/residents/${ids.m1}/participation`,
      { token: asM1 },
    );
    expect(participation.body.activities.find((a) => a.activityId === ids.s1)).toMatchObject({
      attended: false,
      leave: { status: 'approved', reason: 'night shift', note: 'make it up on the 20th' },
      madeUp: { by: 'session', sessionId: ids.s2 },
    });
  });

  it("the plan's study records: every member at every session of the period", async () => {
    const answer = await api.call<{
      sessions: { activityId: string }[];
      members: (Record<string, unknown> & { sessions: Standing[] })[];
    }>('GET', `/plans/${planId}/study-records?period=2026-Q1`, { token: leader });
    expect(answer.status).toBe(200);
    expect(answer.body.sessions.map((s) => s.activityId)).toEqual([ids.s1, ids.s2]);
    const m2 = answer.body.members.find((m) => m.residentId === ids.m2)!;
    expect(m2).toMatchObject({ attended: 1, absent: 1, madeUp: 0 });
    expect(m2.sessions.map((s) => s.standing)).toEqual(['absent', 'attended']);
    expect(m2.sessions[0]!.leave).toMatchObject({ status: 'requested' });
    expect((await api.call('GET', `/plans/${planId}/study-records`, { token: asM1 })).status).toBe(403);
    expect(
      (await api.call('GET', `/plans/${planId}/study-records?period=2025`, { token: leader })).status,
    ).toBe(400);
  });

  it('as of earlier instants, and after the quarter: missed until the last make-up, then met', async () => {
    expect(await compliance('2026-03-09T12:00:00')).toMatchObject({ required: 0, status: 'open' });
    expect(await compliance('2026-03-15T12:00:00')).toMatchObject({
      required: 2,
      actual: 0,
      status: 'at-risk',
    });
    at('2026-04-02T10:00:00');
    expect(await compliance()).toMatchObject({ status: 'missed', shortMembers: [ids.m2] });
    await api.as(organizer).accepted<{ id: string }>(`/activities/${ids.s1}/leave/${ids.m2}/make-up`, {
      by: 'note',
      note: 'Studied the communiqué',
    });
    expect(await compliance()).toMatchObject({ required: 4, actual: 4, status: 'met', shortMembers: [] });
    expect(await compliance('2026-04-02T09:00:00')).toMatchObject({ status: 'missed' });
  });
});
