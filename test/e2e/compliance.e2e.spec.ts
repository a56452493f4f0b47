import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCompliance } from '../../functions/audit/replay.js';
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
type Answer = { id: string; position: string; status?: number };

/** A year of the plan, built through the API on a clock the test moves, then judged now and as of earlier instants. */
describe('plan compliance over HTTP', () => {
  const clock = new ManualClock('2026-01-02T01:00:00Z');
  let api: TestApi;
  let admin: string;
  let organizer: string;
  let leader: string;
  let planId: string;
  const ids: Record<string, string> = {};
  let answeredOnTenthOfMay: { asOf: string; items: Item[] };

  const at = (local: string) => clock.set(new Date(`${local}+08:00`));
  const activity = async (name: string, body: Record<string, unknown>) => {
    ids[name] = (await api.as(organizer).accepted<Answer>('/activities', { planId, ...body })).id;
  };
  const compliance = async (asOf?: string) => {
    await api.runtime.dispatcher.idle();
    const answer = await api.call<{ asOf: string; items: Item[] }>(
      'GET',
      `/plans/${planId}/compliance${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
      { token: leader },
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const row = (items: Item[], targetId: string, period: string) =>
    items.find((i) => i.targetId === targetId && i.period === period)!;

  beforeAll(async () => {
    api = await startApi({ clock });
    admin = await api.token('admin');
    organizer = await api.token('organizer');
    leader = await api.token('leader');
    planId = (
      await api
        .as(admin)
        .accepted<Answer>('/plans', { communityName: 'Venus', year: 2026, title: 'Plan 2026' })
    ).id;
    const study = {
      targetId: 'study',
      description: '2 study sessions a quarter',
      metric: 'activities-held',
      category: 'party-education',
      format: 'study-session',
      minimum: 2,
      per: 'quarter',
    };
    await api.as(admin).accepted<Answer>(`/plans/${planId}/targets`, study);
    await api.as(admin).accepted<Answer>(`/plans/${planId}/targets`, {
      targetId: 'school',
      description: 'complete class records monthly',
      metric: 'record-complete',
      category: 'civilization-school',
      minimum: 1,
      per: 'month',
    });
    await api.as(admin).accepted<Answer>(`/plans/${planId}/targets`, {
      targetId: 'articles',
      description: 'a quality article per member',
      metric: 'articles-per-member',
      minimum: 1,
      per: 'year',
    });
    ids.m1 = (
      await api
        .as(admin)
        .accepted<Answer>('/residents', { name: 'Member One', householdId: 'H1', partyMember: true })
    ).id;
    ids.m2 = (
      await api
        .as(admin)
        .accepted<Answer>('/residents', { name: 'Member Two', householdId: 'H2', partyMember: true })
    ).id;
    ids.r1 = (await api.as(admin).accepted<Answer>('/residents', { name: 'Resident', householdId: 'H3' })).id;

    const session = (window: [string, string]) => ({
      category: 'party-education',
      format: 'study-session',
      title: 'Study session',
      window: { start: window[0], end: window[1] },
    });
    await activity('s1', session(['2026-01-10', '2026-01-20']));
    await activity('s2', session(['2026-03-25', '2026-03-31']));
    await activity('s3', session(['2026-05-01', '2026-05-20']));
    await activity('s4', session(['2026-06-10', '2026-06-25']));
    await activity('s5', session(['2026-08-01', '2026-08-20']));
    await activity('s6', session(['2026-11-01', '2026-11-20']));
    await activity('s7', session(['2026-12-01', '2026-12-20']));
    await activity('jan', {
      category: 'civilization-school',
      format: 'class',
      title: 'Class January',
      window: { start: '2026-01-10', end: '2026-01-20' },
      lecturer: 'Teacher Lin',
    });
    await activity('feb', {
      category: 'civilization-school',
      format: 'class',
      title: 'Class February',
      window: { start: '2026-02-10', end: '2026-02-20' },
      lecturer: 'Teacher Lin',
    });

    at('2026-01-15T19:00:00');
    await api.as(organizer).accepted<Answer>(`/activities/${ids.s1}/held`, {
      heldOn: '2026-01-15T19:00:00+08:00',
      summary: 'Studied the plenary',
    });
    await api
      .as(organizer)
      .accepted<Answer>(`/activities/${ids.jan}/attendance`, { residentId: ids.r1, method: 'kiosk' });
    await api.as(organizer).accepted<Answer>(`/activities/${ids.jan}/held`, {
      heldOn: '2026-01-15',
      summary: 'Neighbourhood etiquette',
      trainingPlan: 'Etiquette, safety',
    });
    at('2026-03-31T23:30:00');
    await api.as(organizer).accepted<Answer>(`/activities/${ids.s2}/held`, {
      heldOn: '2026-03-31T23:30:00+08:00',
      summary: 'Late-night session: still Q1 in Shanghai',
    });
    // February's class never got its record: no summary, no sign-in.
    at('2026-04-10T10:00:00');
    const article = await api.as(organizer).accepted<Answer>('/articles', {
      planId,
      authorId: ids.m1,
      kind: 'theory-article',
      title: 'On community culture',
      body: 'A long text. '.repeat(2000),
    });
    ids.article = article.id;
    await api.as(organizer).accepted<Answer>(`/articles/${ids.article}/reviews`, { verdict: 'quality' });
    at('2026-05-10T19:00:00');
    await api.as(organizer).accepted<Answer>(`/activities/${ids.s3}/held`, {
      heldOn: '2026-05-10T19:00:00+08:00',
      summary: 'Session',
    });
    // What the API said on 10 May, recorded before anything later happened.
    answeredOnTenthOfMay = await compliance();
    // The target changes mid-year: from July, 3 sessions a quarter.
    at('2026-07-01T09:00:00');
    await api.as(admin).accepted<Answer>(`/plans/${planId}/targets`, {
      ...study,
      minimum: 3,
      description: '3 study sessions a quarter',
    });
    // Back-dated: recorded on 5 July, held on 20 June.
    at('2026-07-05T09:00:00');
    await api.as(organizer).accepted<Answer>(`/activities/${ids.s4}/held`, {
      heldOn: '2026-06-20T19:00:00+08:00',
      summary: 'Session entered late',
    });
    at('2026-08-10T19:00:00');
    await api.as(organizer).accepted<Answer>(`/activities/${ids.s5}/held`, {
      heldOn: '2026-08-10T19:00:00+08:00',
      summary: 'Session',
    });
    at('2026-10-15T12:00:00');
  }, 60_000);
  afterAll(async () => api?.close());

  it('now: every row’s status and evidence', async () => {
    const { asOf, items } = await compliance();
    expect(asOf).toBe('2026-10-15T04:00:00.000Z');
    expect(row(items, 'study', '2026-Q1')).toMatchObject({
      required: 2,
      actual: 2,
      status: 'met',
      evidence: [ids.s1, ids.s2].sort(),
    });
    // Q2 ended before the change: judged by the old minimum, with the back-dated session counted.
    expect(row(items, 'study', '2026-Q2')).toMatchObject({
      required: 2,
      actual: 2,
      status: 'met',
      evidence: [ids.s3, ids.s4].sort(),
    });
    expect(row(items, 'study', '2026-Q3')).toMatchObject({
      required: 3,
      actual: 1,
      status: 'missed',
      evidence: [ids.s5],
    });
    expect(row(items, 'study', '2026-Q4')).toMatchObject({
      required: 3,
      actual: 0,
      status: 'at-risk',
      evidence: [],
    });
    expect(row(items, 'school', '2026-01')).toMatchObject({
      required: 1,
      actual: 1,
      status: 'met',
      evidence: [ids.jan],
    });
    expect(row(items, 'school', '2026-02')).toMatchObject({ actual: 0, status: 'missed', evidence: [] });
    expect(row(items, 'articles', '2026')).toMatchObject({
      required: 2,
      actual: 1,
      status: 'open',
      evidence: [ids.article],
      shortMembers: [ids.m2],
    });
    expect(items.filter((i) => i.targetId === 'school')).toHaveLength(12);
  });

  it('as of 30 June: the back-dated session and the later target change are not yet history', async () => {
    const { items } = await compliance('2026-06-30T12:00:00+08:00');
    expect(row(items, 'study', '2026-Q2')).toMatchObject({
      required: 2,
      actual: 1,
      status: 'at-risk',
      evidence: [ids.s3],
    });
    // Judged by the minimum of 2 then in force; one session planned in Q3 cannot reach it.
    expect(row(items, 'study', '2026-Q3')).toMatchObject({ required: 2, status: 'at-risk' });
  });

  it('as of 1 April: Q1 met at 23:30 on 31 March, no quality article yet', async () => {
    const { items } = await compliance('2026-04-01T08:00:00+08:00');
    expect(row(items, 'study', '2026-Q1')).toMatchObject({
      status: 'met',
      evidence: [ids.s1, ids.s2].sort(),
    });
    expect(row(items, 'study', '2026-Q2')).toMatchObject({ actual: 0, status: 'open' });
    expect(row(items, 'articles', '2026')).toMatchObject({
      actual: 0,
      shortMembers: [ids.m1, ids.m2].sort(),
    });
  });

  it('replays the exported history as of 10 May into scratch views and gets the answer the API gave then', async () => {
    const history = await api.call('GET', '/audit/events', {
      token: await api.token('auditor'),
      headers: { accept: 'application/x-ndjson' },
    });
    const commits = history.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const replayed = await replayCompliance(commits, 'demo', planId, new Date(answeredOnTenthOfMay.asOf));
    expect(replayed.applied).toBeLessThan(commits.length);
    expect(replayed.items).toEqual(answeredOnTenthOfMay.items);
  });

  it('refuses bad asOf, unknown plans and roles that do not see compliance', async () => {
    expect(
      (await api.call('GET', `/plans/${planId}/compliance?asOf=yesterday`, { token: leader })).status,
    ).toBe(400);
    expect((await api.call('GET', `/plans/${'0'.repeat(26)}/compliance`, { token: leader })).status).toBe(
      404,
    );
    expect(
      (await api.call('GET', `/plans/${planId}/compliance`, { token: await api.token('resident') })).status,
    ).toBe(403);
  });

  it('keeps article bodies out of events and serves them back', async () => {
    const read = await api.call<{ body: string; bodyBytes: number; status: string }>(
      'GET',
      `/articles/${ids.article}`,
      { token: organizer },
    );
    expect(read.body).toMatchObject({ status: 'quality', bodyBytes: 'A long text. '.repeat(2000).length });
    expect(read.body.body).toBe('A long text. '.repeat(2000));
    const history = await api.runtime.deps.events.readStream(`demo#article#${ids.article}`);
    expect(JSON.stringify(history.commits).length).toBeLessThan(3000);
    const essay = await api.call('POST', '/articles', {
      token: organizer,
      body: { planId, authorId: ids.r1, kind: 'research-report', title: 'x', body: 'y' },
    });
    expect(essay.status).toBe(409);
    expect((essay.body as { code: string }).code).toBe('author-not-party-member');
    const again = await api.call('POST', `/articles/${ids.article}/reviews`, {
      token: organizer,
      body: { verdict: 'rejected' },
    });
    expect(again.status).toBe(409);
    const mine = await api.call<{ items: { articleId: string }[] }>('GET', `/articles?planId=${planId}`, {
      token: await api.token('resident', { sub: ids.m2 }),
    });
    expect(mine.body.items).toEqual([]);
    const byAuthor = await api.call<{ items: { articleId: string }[] }>(
      'GET',
      `/articles?planId=${planId}&authorId=${ids.m1}`,
      { token: organizer },
    );
    expect(byAuthor.body.items.map((a) => a.articleId)).toEqual([ids.article]);
  });
});
