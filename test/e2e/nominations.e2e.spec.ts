import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = { id: string; position: string; code?: string };
type Entry = {
  nominationId: string;
  rank?: number;
  final: number | null;
  judgeMean: number | null;
  endorsements: number;
  status: string;
  explanation: Record<string, unknown>;
};

describe('a "good family style" round over HTTP, from opening to decision', () => {
  const clock = new ManualClock('2026-05-01T02:00:00Z');
  let api: TestApi;
  let admin: string;
  const r: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi({ clock });
    admin = await api.token('admin');
    const planId = (
      await api
        .as(admin)
        .call<Answer>('POST', '/plans', { communityName: 'Venus', year: 2026, title: 'Plan' })
    ).body.id;
    r.plan = planId;
    const enroll = async (name: string, householdId: string) =>
      (await api.as(admin).call<Answer>('POST', '/residents', { name, householdId })).body.id;
    for (const [name, household] of [
      ['lin', 'H-LIN'],
      ['lin2', 'H-LIN'],
      ['chen', 'H-CHEN'],
      ['wu', 'H-WU'],
      ['j1', 'H-J1'],
      ['j2', 'H-CHEN'],
      ['j3', 'H-J3'],
      ['n1', 'H-N1'],
      ['n2', 'H-N2'],
    ] as const)
      r[name] = await enroll(name, household);
    const round = await api.as(admin).call<Answer>('POST', '/rounds', {
      planId,
      title: 'Good family style 2026',
      criteria: [
        { key: 'virtue', label: 'Family virtue', weight: 0.6 },
        { key: 'service', label: 'Service to neighbours', weight: 0.4 },
      ],
      minJudges: 2,
      endorsementCap: 2,
      judges: [r.j1, r.j2, r.j3],
      nominationsClose: '2026-05-31',
      scoringCloses: '2026-06-30',
    });
    expect(round.status).toBe(201);
    r.round = round.body.id;
  }, 60_000);
  afterAll(async () => api?.close());

  it('runs nominations, endorsements, recusals, scores and decisions, and explains the ranking field by field', async () => {
    const bad = await api.as(admin).call<Answer>('POST', '/rounds', {
      planId: r.round,
      title: 'x',
      criteria: [{ key: 'a', label: 'A', weight: 0.5 }],
      judges: [r.j1],
      nominationsClose: '2026-05-31',
      scoringCloses: '2026-06-30',
    });
    expect([400, 404]).toContain(bad.status);
    // Each refusal on its own: an unknown plan, then weights that do not sum to 1, then too few judges.
    expect(bad.body.code).toBe('plan-not-found');
    const round = {
      planId: r.plan,
      title: 'x',
      judges: [r.j1, r.j2, r.j3],
      nominationsClose: '2026-05-31',
      scoringCloses: '2026-06-30',
    };
    const weights = await api.as(admin).call<Answer>('POST', '/rounds', {
      ...round,
      criteria: [{ key: 'a', label: 'A', weight: 0.5 }],
    });
    expect([weights.status, weights.body.code]).toEqual([400, 'weights-must-sum-to-one']);
    const judges = await api.as(admin).call<Answer>('POST', '/rounds', {
      ...round,
      judges: [r.j1],
      criteria: [{ key: 'a', label: 'A', weight: 1 }],
    });
    expect([judges.status, judges.body.code]).toEqual([400, 'too-few-judges']);

    const asResident = (who: string) => api.token('resident', { sub: r[who] });
    // The Lins nominate themselves; the Chens are nominated by a neighbour with their consent; the Wus by a neighbour without.
    const lins = await api
      .as(await asResident('lin'))
      .call<Answer>('POST', `/rounds/${r.round}/nominations`, {
        householdId: 'H-LIN',
        familyName: 'The Lins',
        nominatedBy: r.lin,
        story: 'Three generations',
      });
    expect(lins.status).toBe(201);
    const again = await api
      .as(await asResident('lin2'))
      .call<Answer>('POST', `/rounds/${r.round}/nominations`, {
        householdId: 'H-LIN',
        familyName: 'Lin family',
        nominatedBy: r.lin2,
        story: 'again',
      });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('household-already-nominated');
    const noConsent = await api
      .as(await asResident('lin'))
      .call<Answer>('POST', `/rounds/${r.round}/nominations`, {
        householdId: 'H-WU',
        familyName: 'The Wus',
        nominatedBy: r.lin,
        story: 'Kind',
      });
    expect(noConsent.body.code).toBe('consent-required');
    const chens = await api
      .as(await asResident('lin'))
      .call<Answer>('POST', `/rounds/${r.round}/nominations`, {
        householdId: 'H-CHEN',
        familyName: 'The Chens',
        nominatedBy: r.lin,
        consentBy: r.chen,
        story: 'Volunteers',
      });
    expect(chens.status).toBe(201);
    // Judge j2 lives in the Chen household: recused automatically.
    expect((chens.body as unknown as { events: { type: string }[] }).events.map((e) => e.type)).toEqual([
      'FamilyNominated',
      'JudgeRecused',
    ]);

    const endorse = async (nomination: string, who: string) =>
      api.as(await asResident(who)).call<Answer>('POST', `/nominations/${nomination}/endorsements`, {});
    expect((await endorse(lins.body.id, 'n1')).status).toBe(201);
    expect((await endorse(lins.body.id, 'n2')).status).toBe(201);
    expect((await endorse(lins.body.id, 'n1')).body.code).toBe('already-endorsed');
    expect((await endorse(lins.body.id, 'lin2')).body.code).toBe('own-household');
    expect((await endorse(chens.body.id, 'n1')).status).toBe(201);

    clock.set('2026-06-10T02:00:00Z');
    expect((await endorse(chens.body.id, 'n2')).body.code).toBe('nominations-closed');
    const judge = (who: string) => api.token('judge', { sub: r[who] });
    const score = async (nomination: string, who: string, virtue: number, service: number) =>
      api
        .as(await judge(who))
        .call<Answer>('POST', `/nominations/${nomination}/scores`, { scores: { virtue, service } });
    expect((await score(lins.body.id, 'j1', 2, 2)).status).toBe(201);
    expect((await score(lins.body.id, 'j1', 10, 10)).status).toBe(201); // replaces the earlier score
    expect((await score(lins.body.id, 'j2', 8, 8)).status).toBe(201);
    expect((await score(lins.body.id, 'j3', 9, 4)).status).toBe(201);
    expect((await score(chens.body.id, 'j1', 5, 5)).status).toBe(201);
    expect((await score(chens.body.id, 'j2', 9, 9)).body.code).toBe('judge-recused');
    expect((await score(chens.body.id, 'j3', 6, 9)).status).toBe(201);
    expect((await score(chens.body.id, 'j3', 6, 11)).status).toBe(400);
    expect(
      (
        await api
          .as(await api.token('judge', { sub: r.n1 }))
          .call<Answer>('POST', `/nominations/${lins.body.id}/scores`, {
            scores: { virtue: 1, service: 1 },
          })
      ).body.code,
    ).toBe('not-a-judge');
    const recusal = await api
      .as(await judge('j3'))
      .call<Answer>('POST', `/nominations/${lins.body.id}/recusals`, {
        judgeId: r.j3,
        reason: 'Taught their children',
      });
    expect(recusal.status).toBe(201);
    expect(
      (
        await api.as(admin).call<Answer>('POST', `/nominations/${lins.body.id}/decision`, {
          outcome: 'awarded',
          rationale: 'Exemplary',
        })
      ).body.code,
    ).toBe('scoring-still-open');

    await api.runtime.dispatcher.idle();
    // Scoring is still open: each judge's scores show to staff (and a judge their own), not to residents.
    const ranking = await api.call<{ roundId: string; items: Entry[] }>('GET', `/rounds/${r.round}/ranking`, {
      token: admin,
    });
    expect(ranking.status).toBe(200);
    /*
     * R = 100·(0.6·virtue + 0.4·service)/10.
     * j1: Lins (10,10)=100, Chens (5,5)=50 → μ=75, σ=25 → z: Lins +1, Chens −1.
     * j2: Lins (8,8)=80 only (recused from the Chens) → z=0.   j3: recused from the Lins; Chens (6,9)=72 only → z=0.
     * Lins: j1, j2 → judgeMean 90, mean z 0.5, T 55, E=100·min(2,2)/2=100, final=0.8·55+0.2·100=64.
     * Chens: j1, j3 → judgeMean 61, mean z −0.5, T 45, E=100·1/2=50, final=0.8·45+10=46.
     */
    const [first, second] = ranking.body.items;
    expect(first).toMatchObject({
      nominationId: lins.body.id,
      rank: 1,
      status: 'ranked',
      final: 64,
      judgeMean: 90,
      endorsements: 2,
    });
    expect(first!.explanation).toMatchObject({
      meanZ: 0.5,
      tScore: 55,
      endorsementComponent: 100,
      countingJudges: 2,
      tieBreak: 'none',
    });
    expect(
      (first!.explanation.judges as { judgeId: string; raw: number; normalized: number }[])
        .map((j) => [j.judgeId, j.raw, j.normalized])
        .sort(),
    ).toEqual(
      [
        [r.j1, 100, 1],
        [r.j2, 80, 0],
      ].sort(),
    );
    expect(first!.explanation.recusals).toEqual([
      { judgeId: r.j3, reason: 'Taught their children', automatic: false },
    ]);
    expect(second).toMatchObject({
      nominationId: chens.body.id,
      rank: 2,
      final: 46,
      judgeMean: 61,
      endorsements: 1,
    });
    expect(second!.explanation.recusals).toEqual([
      { judgeId: r.j2, reason: "member of the nominee's household", automatic: true },
    ]);

    clock.set('2026-07-01T02:00:00Z');
    expect((await score(chens.body.id, 'j1', 1, 1)).body.code).toBe('scoring-closed');
    const decided = await api.as(admin).call<Answer>('POST', `/nominations/${lins.body.id}/decision`, {
      outcome: 'awarded',
      rationale: 'Exemplary care for three generations',
    });
    expect(decided.status).toBe(201);
    expect(
      (
        await api
          .as(admin)
          .call<Answer>('POST', `/nominations/${chens.body.id}/decision`, { outcome: 'commended' })
      ).status,
    ).toBe(400);
  });

  it('records good deeds and models and shows them in the resident’s participation', async () => {
    const deed = await api.as(admin).call<Answer>('POST', '/good-deeds', {
      residentIds: [r.wu, r.n1],
      title: 'Returned a lost wallet',
      description: 'Found near the square',
      date: '2026-06-12',
    });
    expect(deed.status).toBe(201);
    const unknown = await api.as(admin).call<Answer>('POST', '/good-deeds', {
      residentIds: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'],
      title: 'x',
      description: 'y',
      date: '2026-06-12',
    });
    expect(unknown.status).toBe(404);
    const model = await api.as(admin).call<Answer>('POST', '/models', {
      residentId: r.wu,
      title: 'good-neighbor',
      citation: 'Checks on the elderly every day',
    });
    expect(model.status).toBe(201);
    expect(
      (
        await api.as(await api.token('organizer')).call<Answer>('POST', '/models', {
          residentId: r.wu,
          title: 'good-neighbor',
          citation: 'x',
        })
      ).status,
    ).toBe(403);
    await api.runtime.dispatcher.idle();
    const list = await api.call<{ items: { deedId: string; residentIds: string[] }[] }>(
      'GET',
      `/good-deeds?planId=${r.plan}`,
      { token: await api.token('resident', { sub: r.n2 }) },
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({ deedId: deed.body.id, residentIds: [r.wu, r.n1] }),
    ]);
    const mine = await api.call<{
      goodDeeds: { deedId: string }[];
      models: { title: string }[];
      totals: { goodDeeds: number };
    }>('GET', `/residents/${r.wu}/participation`, {
      token: await api.token('resident', { sub: r.wu }),
    });
    expect(mine.body.goodDeeds.map((d) => d.deedId)).toEqual([deed.body.id]);
    expect(mine.body.models.map((m) => m.title)).toEqual(['good-neighbor']);
    expect(mine.body.totals.goodDeeds).toBe(1);
  });
});
