import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/http/principal.js';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

/** Least exposure: contact details and judges' own scores go only to the people who need them. */
describe('least exposure of personal data', () => {
  const clock = new ManualClock('2026-05-01T02:00:00Z');
  let api: TestApi;
  let admin: string;
  const id: Record<string, string> = {};
  const as = (role: Role, sub?: string) => api.token(role, sub ? { sub } : {});

  beforeAll(async () => {
    api = await startApi({ clock });
    admin = await api.token('admin');
    id.plan = await (
      await api.as(admin).accepted('/plans', { communityName: 'V', year: 2026, title: 'P' }, { status: 201 })
    ).id;
    id.resident = await (
      await api.as(admin).accepted(
        '/residents',
        {
          name: 'Wen Xiaoyu',
          householdId: 'H-1',
          phone: '+86 139 2222 3333',
          email: 'wen.xiaoyu@example.org',
        },
        { status: 201 },
      )
    ).id;
    for (const judge of ['j1', 'j2', 'j3'])
      id[judge] = await (
        await api
          .as(admin)
          .accepted('/residents', { name: judge, householdId: `H-${judge}` }, { status: 201 })
      ).id;
    await (
      await api.as(admin).accepted(
        `/plans/${id.plan}/organizing-group`,
        {
          leader: { name: 'Director Zhou', email: 'zhou.director@example.org' },
          deputies: [{ name: 'Deputy Qian', email: 'qian.deputy@example.org' }],
          members: [{ name: 'Wen Xiaoyu', email: 'wen.xiaoyu@example.org', residentId: id.resident }],
        },
        { status: 201 },
      )
    ).id;
    await api.runtime.dispatcher.idle();
  });
  afterAll(async () => api?.close());

  it("shows a resident's phone and email to admin, organizer and the resident only (judges, auditors and leaders read them today)", async () => {
    const read = async (token: string) =>
      (await api.call<Record<string, unknown>>('GET', `/residents/${id.resident}`, { token })).body;
    for (const token of [admin, await as('organizer'), await as('resident', id.resident)]) {
      expect(await read(token)).toMatchObject({
        phone: '+86 139 2222 3333',
        email: 'wen.xiaoyu@example.org',
      });
    }
    for (const role of ['judge', 'auditor', 'leader'] as const) {
      const body = await read(await as(role));
      expect([role, body.name, body.phone, body.email]).toEqual([role, 'Wen Xiaoyu', undefined, undefined]);
    }
    const roster = await api.call('GET', '/residents?limit=500', { token: await as('leader') });
    expect(roster.status).toBe(200);
    expect(roster.text).toContain('Wen Xiaoyu');
    expect(roster.text).not.toContain('wen.xiaoyu@example.org');
    expect(roster.text).not.toContain('2222 3333');
  });

  it("shows the organizing group's email addresses to staff only (residents read them today)", async () => {
    const emails = ['zhou.director@example.org', 'qian.deputy@example.org', 'wen.xiaoyu@example.org'];
    for (const role of ['admin', 'organizer'] as const) {
      const token = await as(role);
      const plan = await api.call('GET', `/plans/${id.plan}`, { token });
      const plans = await api.call('GET', '/plans', { token });
      for (const email of emails) {
        expect(plan.text).toContain(email);
        expect(plans.text).toContain(email);
      }
    }
    for (const role of ['resident', 'judge', 'leader', 'auditor'] as const) {
      const token = await as(role);
      const plan = await api.call<{ organizingGroup: { leader: { name: string } } }>(
        'GET',
        `/plans/${id.plan}`,
        {
          token,
        },
      );
      expect(plan.body.organizingGroup.leader.name).toBe('Director Zhou');
      const plans = await api.call('GET', '/plans', { token });
      for (const email of emails) {
        expect([role, plan.text.includes(email), plans.text.includes(email)]).toEqual([role, false, false]);
      }
    }
  });

  it("shows each judge's scores to staff and to that judge only while scoring is open, to the other judges once it closes, and to everyone once decided (everyone sees them today)", async () => {
    const roundId = await (
      await api.as(admin).accepted(
        '/rounds',
        {
          planId: id.plan,
          title: 'Round',
          criteria: [{ key: 'virtue', label: 'Virtue', weight: 1 }],
          minJudges: 2,
          judges: [id.j1, id.j2, id.j3],
          nominationsClose: '2026-05-31',
          scoringCloses: '2026-06-30',
        },
        { status: 201 },
      )
    ).id;
    const nominationId = await (
      await api.as(admin).accepted(
        `/rounds/${roundId}/nominations`,
        {
          householdId: 'H-1',
          familyName: 'The Wens',
          nominatedBy: id.resident,
          story: 'Kind',
        },
        { status: 201 },
      )
    ).id;
    clock.set('2026-06-10T02:00:00Z');
    for (const [judge, score] of [
      ['j1', 8],
      ['j2', 6],
    ] as const) {
      await (
        await api
          .as(await as('judge', id[judge]))
          .accepted(`/nominations/${nominationId}/scores`, { scores: { virtue: score } }, { status: 201 })
      ).id;
    }
    await api.runtime.dispatcher.idle();
    type Ranking = {
      items: { final: number | null; explanation: { judges?: { judgeId: string; raw: number }[] } }[];
    };
    const judgesSeenBy = async (token: string) => {
      const ranking = await api.call<Ranking>('GET', `/rounds/${roundId}/ranking`, { token });
      expect(ranking.status).toBe(200);
      return (ranking.body.items[0]!.explanation.judges ?? []).map((j) => j.judgeId).sort();
    };
    const both = [id.j1!, id.j2!].sort();
    const nobody: string[] = [];

    // Scoring open: staff see every judge's scores, a judge their own, everyone else none.
    expect(await judgesSeenBy(admin)).toEqual(both);
    expect(await judgesSeenBy(await as('organizer'))).toEqual(both);
    expect(await judgesSeenBy(await as('judge', id.j1))).toEqual([id.j1]);
    expect(await judgesSeenBy(await as('judge', id.j3))).toEqual(nobody);
    for (const role of ['resident', 'leader', 'auditor'] as const)
      expect([
        role,
        await judgesSeenBy(await as(role, role === 'resident' ? id.resident : undefined)),
      ]).toEqual([role, nobody]);
    // Before the decision the aggregates (with two judges, a judge could work out the other's score
    // from the mean) go to staff only (issue 27); everyone sees them once it is decided.
    type Figures = { rank?: number; final: number | null; judgeMean: number | null };
    const figuresSeenBy = async (token: string) =>
      (await api.call<{ items: Figures[] }>('GET', `/rounds/${roundId}/ranking`, { token })).body.items[0]!;
    for (const token of [admin, await as('organizer')])
      expect(await figuresSeenBy(token)).toMatchObject({ rank: 1, final: expect.any(Number), judgeMean: 70 });
    for (const token of [
      await as('resident'),
      await as('leader'),
      await as('auditor'),
      await as('judge', id.j1),
      await as('judge', id.j3),
    ]) {
      const seen = await figuresSeenBy(token);
      expect(seen).toMatchObject({ final: null, judgeMean: null });
      expect(seen.rank).toBeUndefined();
    }

    // The leaders' report names no front-runner before the decision either.
    type Report = { rounds: { roundId: string; leaders: { familyName: string }[] }[] };
    const standingsInReport = async () => {
      const report = await api.call<Report>('GET', `/reports/${id.plan}?period=2026`, {
        token: await as('leader'),
        headers: { accept: 'application/json' },
      });
      expect(report.status, report.text).toBe(200);
      return report.body.rounds.find((r) => r.roundId === roundId)!.leaders.map((l) => l.familyName);
    };
    expect(await standingsInReport()).toEqual([]);

    // Scoring closed: the judges see each other's scores; the others wait for the decision.
    clock.set('2026-07-01T02:00:00Z');
    expect(await judgesSeenBy(await as('judge', id.j3))).toEqual(both);
    expect(await judgesSeenBy(await as('leader'))).toEqual(nobody);

    await (
      await api
        .as(admin)
        .accepted(
          `/nominations/${nominationId}/decision`,
          { outcome: 'awarded', rationale: 'Kind' },
          { status: 201 },
        )
    ).id;
    await api.runtime.dispatcher.idle();
    for (const role of ['resident', 'leader', 'auditor'] as const)
      expect([role, await judgesSeenBy(await as(role))]).toEqual([role, both]);
    expect(await figuresSeenBy(await as('resident'))).toMatchObject({ rank: 1, final: expect.any(Number) });
    expect(await standingsInReport()).toEqual(['The Wens']);
  });
});
