import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, pdftotextAvailable } from '../functions/printing/pdf-tools.js';
import { given, startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = { id: string };
type Article = {
  articleId: string;
  writtenOn?: string;
  submittedAt: string;
  reviews: { reviewedOn?: string }[];
};
type Row = { targetId: string; period: string; evidence: string[]; shortMembers?: string[] };

/**
 * Articles entered after they were written (issue 25): the day the author wrote one and the day it
 * was reviewed are what the article, the report's compliance and the work ledger show, not the day
 * someone typed them in; a day after today, or outside the plan's year, is refused with nothing written.
 */
describe('articles dated the day they were written', () => {
  // 10:00 on 4 May in Shanghai.
  const clock = new ManualClock('2026-05-04T02:00:00Z');
  let api: TestApi;
  let admin: string;
  let planId: string;
  let member: string;
  let articleId: string;
  const readPdfs = pdftotextAvailable();

  beforeAll(async () => {
    api = await startApi({ clock });
    admin = await api.token('admin');
    planId = (
      await api.as(admin).accepted<Answer>('/plans', { communityName: '金星社区', year: 2026, title: '计划' })
    ).id;
    await api.as(admin).accepted<Answer>(`/plans/${planId}/targets`, {
      targetId: 'articles',
      description: '每名党员每季度一篇优秀文章',
      metric: 'articles-per-member',
      minimum: 1,
      per: 'quarter',
    });
    member = (
      await api
        .as(admin)
        .accepted<Answer>('/residents', { name: '张伟', householdId: 'H-1', partyMember: true })
    ).id;
  }, 60_000);
  afterAll(async () => api?.close());

  const article = (writtenOn?: string) => ({
    planId,
    authorId: member,
    kind: 'theory-article',
    title: '学习宪法的体会',
    body: '宪法是国家的根本法。',
    ...(writtenOn ? { writtenOn } : {}),
  });

  it('refuses an article dated after today, outside the plan’s year, or on no day at all, writing nothing', async () => {
    const submission = (writtenOn: string) => ({
      token: admin,
      method: 'POST',
      path: '/articles',
      body: article(writtenOn),
    });
    await given(api)
      .when(submission('2026-05-05'))
      .then({ status: 400, body: { code: 'written-in-future' } }, []);
    await given(api)
      .when(submission('2025-12-30'))
      .then({ status: 400, body: { code: 'written-outside-plan-year' } }, []);
    await given(api).when(submission('2026-02-30')).then({ status: 400 }, []);
  });

  it('shows the day it was written and the day it was reviewed, and counts it in that quarter', async () => {
    articleId = (await api.as(admin).accepted<Answer>('/articles', article('2026-03-20'))).id;
    await api
      .as(admin)
      .refused(
        'POST',
        `/articles/${articleId}/reviews`,
        { verdict: 'quality', reviewedOn: '2026-03-19' },
        400,
        'reviewed-before-written',
      );
    await api
      .as(admin)
      .accepted(`/articles/${articleId}/reviews`, { verdict: 'quality', reviewedOn: '2026-04-02' });
    const leader = await api.token('leader');
    const seen = await api.as(leader).get<Article>(`/articles/${articleId}`, { settled: true });
    expect(seen.body).toMatchObject({ writtenOn: '2026-03-20', reviews: [{ reviewedOn: '2026-04-02' }] });
    // Entered on 4 May: the day it was recorded is still there, but is not the article's day.
    expect(seen.body.submittedAt.slice(0, 10)).toBe('2026-05-04');

    const report = await api.as(leader).get<{ compliance: Row[] }>(`/reports/${planId}?period=2026-Q1`);
    expect(report.status).toBe(200);
    expect(
      report.body.compliance.find((r) => r.targetId === 'articles' && r.period === '2026-Q1'),
    ).toMatchObject({
      evidence: [articleId],
      shortMembers: [],
    });
    const q2 = await api.as(leader).get<{ compliance: Row[] }>(`/reports/${planId}?period=2026-Q2`);
    expect(q2.body.compliance.find((r) => r.targetId === 'articles' && r.period === '2026-Q2')).toMatchObject(
      {
        evidence: [],
        shortMembers: [member],
      },
    );
  });

  it('dates an article without a day the day it is recorded', async () => {
    const id = (await api.as(admin).accepted<Answer>('/articles', article())).id;
    const seen = await api.as(admin).get<Article>(`/articles/${id}`, { settled: true });
    expect(seen.body.writtenOn).toBe('2026-05-04');
  });

  it.skipIf(!readPdfs)('prints the day it was written in the work ledger', async () => {
    const ledger = await api.call('GET', `/plans/${planId}/ledger?year=2026`, { token: admin });
    expect(ledger.status).toBe(200);
    const text = pdfText(ledger.bytes).replace(/\s+/g, '');
    expect(text).toContain('撰写日期');
    expect(text).toContain('2026年3月20日');
  });
});
