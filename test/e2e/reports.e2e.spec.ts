import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { ManualClock } from '../support/clock.js';

type Answer = {
  id: string;
  sentTo?: ({ residentId: string } | { personId: string })[];
  alreadySent?: boolean;
  code?: string;
  events?: { eventId: string; type: string }[];
};

describe('reports: renderings, sending, the schedule', () => {
  const clock = new ManualClock('2026-04-02T02:00:00Z');
  let api: TestApi;
  let admin: string;
  let planId: string;
  let silentPlan: string;
  let lecture: string;
  /** The first `n` of the leader and deputies, as recipients: by the person id the plan gave each. */
  const groupPersonIds = async (n: number) => {
    const plan = await api.as(admin).get<{
      organizingGroup: { leader: { personId: string }; deputies: { personId: string }[] };
    }>(`/plans/${planId}`);
    const { leader, deputies } = plan.body.organizingGroup;
    return [leader, ...deputies].slice(0, n).map(({ personId }) => ({ personId }));
  };
  const outbox = () => {
    try {
      return readdirSync(api.runtime.outboxDir).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    api = await startApi({ clock });
    admin = await api.token('admin');
    planId = (
      await api.as(admin).post<Answer>('/plans', {
        communityName: 'Venus community',
        year: 2026,
        title: 'Cultural services 2026',
      })
    ).body.id;
    await api.as(admin).post<Answer>(`/plans/${planId}/targets`, {
      targetId: 'legal',
      description: 'Legal education every quarter',
      metric: 'activities-held',
      category: 'legal-education',
      minimum: 1,
      per: 'quarter',
    });
    await api.as(admin).post<Answer>(`/plans/${planId}/organizing-group`, {
      leader: { name: 'Director', email: 'leader@venus.example.org' },
      deputies: [
        { name: 'Deputy', email: 'deputy@venus.example.org' },
        { name: 'Second deputy', email: 'second@venus.example.org' },
        // The same mailbox again, capitalised otherwise: one message, not two.
        { name: 'Deputy (office)', email: 'Deputy@Venus.example.org' },
        { name: 'No email' },
      ],
      members: [],
    });
    const resident = (await api.as(admin).post<Answer>('/residents', { name: 'Gao Min', householdId: 'H1' }))
      .body.id;
    lecture = (
      await api.as(admin).post<Answer>('/activities', {
        planId,
        category: 'legal-education',
        format: 'lecture',
        title: 'Law lecture',
        window: { start: '2026-05-10', end: '2026-05-20' },
      })
    ).body.id;
    await api.as(admin).post<Answer>('/activities', {
      planId,
      category: 'festival',
      format: 'performance',
      title: 'Mid-Autumn evening',
      window: { start: '2026-09-20', end: '2026-10-06' },
    });
    clock.set('2026-05-15T02:00:00Z');
    await api
      .as(admin)
      .post<Answer>(`/activities/${lecture}/attendance`, { residentId: resident, method: 'organizer' });
    await api.as(admin).post<Answer>(`/activities/${lecture}/held`, {
      heldOn: '2026-05-15',
      summary: 'Traffic law',
      lecturer: 'Officer Pan',
    });
    await api.as(admin).post<Answer>('/good-deeds', {
      planId,
      residentIds: [resident],
      title: 'Cleared the drain before the rainstorm',
      description: 'x',
      date: '2026-05-16',
    });
    // A second plan (another community) whose group has no email at all.
    const other = await api.token('admin', { community: 'quiet-community' });
    silentPlan = (
      await api.call<Answer>('POST', '/plans', {
        token: other,
        body: { communityName: 'Quiet', year: 2026, title: 'Quiet plan' },
      })
    ).body.id;
    await api.call('POST', `/plans/${silentPlan}/organizing-group`, {
      token: other,
      body: { leader: { name: 'No email' }, deputies: [], members: [] },
    });
    clock.set('2026-06-20T02:00:00Z');
    await api.runtime.dispatcher.idle();
  }, 60_000);
  afterAll(async () => api?.close());

  it('answers the report as JSON, HTML and CSV', async () => {
    const json = await api.call<Record<string, unknown>>('GET', `/reports/${planId}?period=2026-Q2`, {
      token: await api.token('leader'),
    });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      period: {
        name: '2026-Q2',
        kind: 'quarter',
        start: '2026-03-31T16:00:00.000Z',
        end: '2026-06-30T16:00:00.000Z',
      },
      plan: { locale: 'zh-CN' },
      ledger: {
        through: expect.any(String),
        commits: expect.any(Number),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      categories: [{ category: 'legal-education', planned: 1, held: 1 }],
      held: [
        {
          activityId: lecture,
          title: 'Law lecture',
          category: 'legal-education',
          heldOn: '2026-05-14T16:00:00.000Z',
          lecturer: 'Officer Pan',
          signIns: 1,
          summary: 'Traffic law',
        },
      ].map((a) => expect.objectContaining(a)),
      attendance: { signIns: 1, distinctResidents: 1 },
      goodDeeds: [expect.objectContaining({ title: 'Cleared the drain before the rainstorm' })],
      nextPeriod: { name: '2026-Q3', activities: [expect.objectContaining({ title: 'Mid-Autumn evening' })] },
    });
    expect(json.body.compliance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: 'legal', period: '2026-Q2', status: 'met' }),
      ]),
    );
    const html = await api.call('GET', `/reports/${planId}?period=2026-Q2`, {
      token: admin,
      headers: { accept: 'text/html' },
    });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-language')).toBe('zh-CN');
    expect(html.text).toContain('id="chart"');
    expect(html.text).toContain('法治教育');
    expect(html.text).toContain('2026年5月15日');
    expect(html.text).toContain('Officer Pan');
    expect(html.text).not.toMatch(/<script|<img|src="http/i);
    const english = await api.call('GET', `/reports/${planId}?period=2026-Q2`, {
      token: admin,
      headers: { accept: 'text/html', 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.text).toContain('Activities held');
    expect(english.text).toContain('May 15, 2026');
    expect(english.text).not.toMatch(/\p{Script=Han}/u);
    const csv = await api.call('GET', `/reports/${planId}?period=2026-Q2`, {
      token: admin,
      headers: { accept: 'text/csv' },
    });
    expect(csv.text.split('\r\n')[0]).toBe('section,name,period,value1,value2,status,venue,lecturer,summary');
    expect(csv.text).toContain('compliance,legal,2026-Q2,1,1,met');
    expect(csv.text).toContain(
      'held,Law lecture,2026-05-14T16:00:00.000Z,legal-education,1,,,Officer Pan,Traffic law',
    );
    expect((await api.call('GET', `/reports/${planId}?period=2027-Q1`, { token: admin })).status).toBe(400);
    expect((await api.call('GET', `/reports/${planId}?period=Q2`, { token: admin })).status).toBe(400);
    expect(
      (await api.call('GET', `/reports/${planId}?period=2026-Q2`, { token: await api.token('resident') }))
        .status,
    ).toBe(403);
  });

  it('sends now one message per recipient, in the plan’s language, and not twice', async () => {
    const before = outbox().length;
    const sent = await api.call<Answer>('POST', `/reports/${planId}/send?period=2026-05`, { token: admin });
    expect(sent.status).toBe(201);
    const recipients = ['leader@venus.example.org', 'deputy@venus.example.org', 'second@venus.example.org'];
    // The answer names whom it went to as the group does (their person ids), never by address.
    expect(sent.body.sentTo).toEqual(await groupPersonIds(3));
    expect(sent.text).not.toContain('@');
    expect(sent.body.events).toEqual([{ eventId: expect.any(String), type: 'ReportSent' }]);
    const files = outbox().sort().slice(before);
    expect(files).toHaveLength(3);
    const messages = await Promise.all(
      files.map(async (f) => simpleParser(readFileSync(join(api.runtime.outboxDir, f)))),
    );
    // Each to one person: no recipient sees another's address.
    const addressees = messages.map((m) =>
      (Array.isArray(m.to) ? m.to : [m.to]).flatMap((to) => to?.value.map((a) => a.address) ?? []),
    );
    expect(addressees.sort()).toEqual(recipients.map((r) => [r]).sort());
    for (const message of messages) {
      expect(message.cc).toBeUndefined();
      expect(message.subject).toBe('Venus community：2026年5月文化服务工作报告');
      expect(message.html).toContain('本期开展的活动');
      expect(message.text).toContain('2026年5月15日');
      expect(message.text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
      // The footer names the ledger the figures came from.
      expect(message.text).toMatch(/账本摘要为 [0-9a-f]{64}/);
    }
    const again = await api.call<Answer>('POST', `/reports/${planId}/send?period=2026-05`, { token: admin });
    expect(again.status).toBe(200);
    expect(again.body.alreadySent).toBe(true);
    expect(outbox().length).toBe(before + 3);
  });

  it('on 1 July 08:00 (Shanghai) sends June and Q2 for every plan, once; a plan without a leader email fails alone', async () => {
    const before = outbox().length;
    const run = await api.runtime.scheduledReports({ time: '2026-07-01T08:00:00+08:00' });
    const mine = run.results.filter((r) => r.planId === planId).map((r) => [r.period, r.outcome]);
    expect(mine).toEqual([
      ['2026-06', 'sent'],
      ['2026-Q2', 'sent'],
    ]);
    const quiet = run.results.filter((r) => r.planId === silentPlan);
    expect(quiet.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    expect(quiet[0]!.reason).toMatch(/no leader or deputy with an email/);
    expect(outbox().length).toBe(before + 6);
    const retry = await api.runtime.scheduledReports({ time: '2026-07-01T08:05:00+08:00' });
    expect(retry.results.filter((r) => r.planId === planId).map((r) => r.outcome)).toEqual([
      'already-sent',
      'already-sent',
    ]);
    expect(outbox().length).toBe(before + 6);
    const august = await api.runtime.scheduledReports({ time: '2026-08-01T08:00:00+08:00' });
    expect(august.results.filter((r) => r.planId === planId).map((r) => r.period)).toEqual(['2026-07']);
    const early = await api.runtime.scheduledReports({ time: '2026-09-01T07:00:00+08:00' });
    expect(early.results).toEqual([]);
    // A run asked for some kinds of period answers with those alone (one run on 1 October sends both).
    const monthly = await api.runtime.scheduledReports({
      time: '2026-10-01T08:00:00+08:00',
      periods: ['month'],
    });
    expect(monthly.results.filter((r) => r.planId === planId).map((r) => r.period)).toEqual(['2026-09']);
    const quarterly = await api.runtime.scheduledReports({
      time: '2026-10-01T08:00:00+08:00',
      periods: ['quarter', 'year'],
    });
    expect(quarterly.results.filter((r) => r.planId === planId).map((r) => r.period)).toEqual(['2026-Q3']);
    // Each delivery is history: ReportSent with recipients and the position it was computed at.
    const stream = await api.runtime.deps.events.readStream(`demo#report#${planId}-2026-Q2`);
    expect(stream.commits.flatMap((c) => c.events.map((e) => e.type))).toEqual(['ReportSent']);
    expect(stream.commits[0]!.events[0]!.data).toMatchObject({
      recipients: await groupPersonIds(3),
      asOf: expect.any(String),
      ledgerDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  const browser = chromiumAvailable() ? it : it.skip;
  browser(
    "renders a leader's Q2 email in Chromium: in Chinese, the held activity listed, the digest named; in English on request; 390 px wide on a phone (issue 25)",
    async () => {
      const chromium = await launchChromium({ chineseFont: true });
      try {
        mkdirSync('test-results', { recursive: true });
        for (const language of ['zh-CN', 'en'] as const) {
          const html = await api.call('GET', `/reports/${planId}?period=2026-Q2`, {
            token: admin,
            headers: { accept: 'text/html', 'accept-language': language },
          });
          const page = await chromium.newPage();
          await page.setContent(html.text);
          expect(await page.locator('#chart tr[data-category="legal-education"]').isVisible()).toBe(true);
          expect(await page.locator('#compliance tr').count()).toBeGreaterThan(1);
          expect(await page.locator('#held tr').count()).toBe(2);
          const held = await page.locator('#held').textContent();
          expect(held).toContain('Law lecture');
          expect(held).toContain(language === 'zh-CN' ? '法治教育' : 'Legal education');
          expect(await page.locator('h2').first().textContent()).toBe(
            language === 'zh-CN' ? '各类活动计划与开展情况' : 'Activities planned and held, by category',
          );
          expect(await page.locator('#ledger').textContent()).toMatch(/[0-9a-f]{64}/);
          await page.screenshot({ path: `test-results/report-${language}.png`, fullPage: true });
          // On a phone (390 px): nothing scrolls sideways, and the footer says who checks the figures.
          await page.setViewportSize({ width: 390, height: 844 });
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
          const footer = (await page.locator('#ledger').textContent())!;
          expect(footer).not.toContain('/audit');
          expect(footer).toContain(language === 'zh-CN' ? '社区审计员' : "community's auditor");
          await page.screenshot({ path: `test-results/report-${language}-390.png`, fullPage: true });
        }
      } finally {
        await chromium.close();
      }
    },
    60_000,
  );
});
