import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../infra/local/audit-cli.js';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

describe('verification since a digest the auditor holds', () => {
  const clock = new ManualClock('2026-04-01T10:00:00Z');
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ clock });
  });
  afterAll(async () => api?.close());

  it('checks only the commits after it, through HTTP and the CLI, and refuses a digest not in the ledger', async () => {
    const admin = await api.token('admin');
    const auditor = await api.token('auditor');
    await api.as(admin).post('/residents', { name: 'Before', householdId: 'H' });
    clock.advance(60_000);
    const held = (await api.as(auditor).get<{ ledger: { digest: string; commits: number } }>('/audit/verify'))
      .body.ledger;
    await api.as(admin).post('/residents', { name: 'After one', householdId: 'H' });
    await api.as(admin).post('/residents', { name: 'After two', householdId: 'H' });
    const since = (
      await api
        .as(auditor)
        .get<{ ok: boolean; checkedCommits: number; since: { digest: string } }>(
          `/audit/verify?since=${held.digest}`,
        )
    ).body;
    expect(since).toMatchObject({ ok: true, checkedCommits: 2, since: held });
    const refused = await api.call<{ code: string }>('GET', `/audit/verify?since=${'e'.repeat(64)}`, {
      token: auditor,
    });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('digest-not-in-ledger');

    const dataDir = mkdtempSync(join(tmpdir(), 'ccl-since-'));
    writeFileSync(join(dataDir, 'dev-signing-key'), `${api.runtime.secret}\n`);
    const env = { LEDGER_URL: api.url, DATA_DIR: dataDir };
    const out: string[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(l),
      progress: () => undefined,
    };
    expect(await runAudit(['verify', '--since', held.digest, '--community', 'demo'], env, io)).toBe(0);
    expect(out[0]).toBe(
      `since ${held.digest} (${held.commits} commits): only the 2 commits added after it were checked`,
    );
    out.length = 0;
    expect(await runAudit(['verify', '--since', 'e'.repeat(64), '--community', 'demo'], env, io)).toBe(1);
    expect(out.join('\n')).toMatch(/404 .*is not a state this ledger passed through/);
  });

  it("a report taken right after a write names it (the figures' cut), and its digest verifies then and since", async () => {
    const admin = await api.token('admin');
    const auditor = await api.token('auditor');
    clock.advance(60_000);
    const plan = await api
      .as(admin)
      .post<{ id: string }>('/plans', { communityName: 'S', year: 2026, title: 'P' });
    // No time passes: the report reads the plan's commit within the instant it was recorded.
    const report = await api
      .as(admin)
      .get<{ ledger: { through: string; commits: number; digest: string } }>(
        `/reports/${plan.body.id}?period=2026-Q2`,
      );
    const whole = (
      await api.as(auditor).get<{ ledger: { commits: number; digest: string } }>('/audit/verify')
    ).body.ledger;
    expect(report.body.ledger).toEqual(whole);
    expect(report.body.ledger.through).toBe(clock.now().toISOString());
    expect(
      (await api.as(auditor).get(`/audit/verify?digest=${report.body.ledger.digest}`)).body,
    ).toMatchObject({ ok: true });
    await api.as(admin).post('/residents', { name: 'Later', householdId: 'H' });
    expect(
      (await api.as(auditor).get(`/audit/verify?since=${report.body.ledger.digest}`)).body,
    ).toMatchObject({ ok: true, checkedCommits: 1, since: report.body.ledger });
  });

  it('a refused report request keeps no ledger mark: nothing is written before the plan and period are checked', async () => {
    const admin = await api.token('admin');
    const auditor = await api.token('auditor');
    const ledgerNow = async () =>
      (await api.as(auditor).get<{ ledger: { digest: string } }>('/audit/verify')).body.ledger.digest;
    const markOf = async () => api.runtime.deps.digests.findMark('demo', await ledgerNow());
    clock.advance(60_000);
    const plan = await api
      .as(admin)
      .post<{ id: string }>('/plans', { communityName: 'S', year: 2026, title: 'Refused' });
    // Right after the write (a mark would be kept): a period outside the plan is refused, nothing kept.
    const outside = await api.call<{ code: string }>('GET', `/reports/${plan.body.id}?period=2025-Q1`, {
      token: admin,
    });
    expect([outside.status, outside.body.code]).toEqual([400, 'period-outside-plan']);
    expect(await markOf()).toBeUndefined();
    await api.as(admin).post('/residents', { name: 'Refused', householdId: 'H' });
    const unknown = `${plan.body.id.slice(0, -1)}${plan.body.id.endsWith('0') ? '1' : '0'}`;
    expect((await api.call('GET', `/reports/${unknown}?period=2026-Q2`, { token: admin })).status).toBe(404);
    expect(await markOf()).toBeUndefined();
    // The same request of a plan that is there keeps it.
    expect((await api.call('GET', `/reports/${plan.body.id}?period=2026-Q2`, { token: admin })).status).toBe(
      200,
    );
    expect(await markOf()).toMatchObject({ digest: await ledgerNow() });
  });
});
