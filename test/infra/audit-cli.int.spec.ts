import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../infra/local/audit-cli.js';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

const root = join(import.meta.dirname, '..', '..');

/** What an auditor sees: stdout, stderr and the exit code of `npm run audit -- …`. */
async function audit(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAudit(argv, env, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    progress: () => undefined,
  });
  return { code, out, err };
}

/** A plan recorded on 1 March 2026 (Shanghai), one target and one held session, exported as an auditor would. */
describe('npm run audit: answers, and one line for every refusal', () => {
  const clock = new ManualClock('2026-03-01T02:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'ccl-audit-cli-'));
  const exported = join(dir, 'history.ndjson');
  let api: TestApi;
  let planId: string;
  let env: NodeJS.ProcessEnv;
  let activityStream: string;
  let commits: string[];

  beforeAll(async () => {
    api = await startApi({ clock });
    // The CLI signs its own auditor token with the key in DATA_DIR, as it does beside `npm start`.
    writeFileSync(join(dir, 'dev-signing-key'), `${api.runtime.secret}\n`);
    env = { DATA_DIR: dir, LEDGER_URL: api.url };
    const admin = await api.token('admin');
    const post = async (path: string, body: unknown) =>
      (await api.call<{ id: string }>('POST', path, { token: admin, body })).body;
    planId = (await post('/plans', { communityName: 'Venus', year: 2026, title: 'Plan 2026' })).id;
    await post(`/plans/${planId}/targets`, {
      targetId: 'study',
      description: '2 study sessions a quarter',
      metric: 'activities-held',
      category: 'party-education',
      format: 'study-session',
      minimum: 2,
      per: 'quarter',
    });
    // A festival with three check-ins: a stream long enough to lose a commit from its middle.
    const festival = await post('/activities', {
      planId,
      category: 'festival',
      format: 'other',
      title: 'Lantern riddles',
      window: { start: '2026-03-01', end: '2026-03-05' },
    });
    for (let i = 0; i < 3; i++) {
      const resident = await post('/residents', { name: `R${i}`, householdId: 'H' });
      await post(`/activities/${festival.id}/attendance`, { residentId: resident.id, method: 'organizer' });
    }
    activityStream = `demo#activity#${festival.id}`;
    expect(await audit(['export', '--out', exported], env)).toEqual({
      code: 0,
      out: [`wrote ${exported}`],
      err: [],
    });
    commits = readFileSync(exported, 'utf8').split('\n').filter(Boolean);
    expect(commits).toHaveLength(2 + 4 + 3);
  });
  afterAll(async () => api?.close());

  it('replays an export as of an instant after the plan was recorded: the compliance the API gives then', async () => {
    const { code, out, err } = await audit([
      'replay',
      '--as-of',
      '2026-06-30T23:59:00+08:00',
      '--file',
      exported,
    ]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toBe(`replayed 9 of 9 commits, as of 2026-06-30T15:59:00.000Z, plan ${planId}`);
    clock.set('2026-11-29T00:00:00Z');
    const answer = await api.call<{
      items: { status: string; targetId: string; period: string; actual: number; required: number }[];
    }>('GET', `/plans/${planId}/compliance?asOf=${encodeURIComponent('2026-06-30T23:59:00+08:00')}`, {
      token: await api.token('auditor'),
    });
    expect(answer.body.items).toHaveLength(4);
    expect(out.at(-1)).toMatch(/^ledger [0-9a-f]{64} \(9 commits\)$/);
    expect(out.slice(1, -1).map((line) => line.trim().split(/\s+/))).toEqual(
      answer.body.items.map((i) => [i.status, i.targetId, i.period, `${i.actual}/${i.required}`]),
    );
  });

  it('replays through the server the same way', async () => {
    const fromServer = await audit(['replay', '--as-of', '2026-06-30T23:59:00+08:00'], env);
    const fromFile = await audit(['replay', '--as-of', '2026-06-30T23:59:00+08:00', '--file', exported]);
    expect(fromServer).toEqual(fromFile);
  });

  it('before the plan existed: one line saying so, and a non-zero exit', async () => {
    const { code, out, err } = await audit([
      'replay',
      '--as-of',
      '2026-02-28T23:59:00+08:00',
      '--file',
      exported,
    ]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `audit replay: plan ${planId} did not exist yet at 2026-02-28T15:59:00.000Z; it was first recorded at 2026-03-01T02:00:00.000Z, replay as of then or later`,
    ]);
  });

  it('the same from the shell: one line on stderr, exit 1, no stack trace', () => {
    const run = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['infra/local/audit-cli.ts', 'replay', '--as-of', '2026-02-28T23:59:00+08:00', '--file', exported],
      { cwd: root, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^audit replay: plan .* did not exist yet at /),
    ]);
  });

  it('verifies an export with a removed commit: one finding, its range low..high', async () => {
    const clean = await audit(['verify', '--file', exported]);
    expect(clean.code).toBe(0);
    expect(clean.out[0]).toBe('OK: 9 commits, 9 events, 5 streams');
    const file = join(dir, 'removed.ndjson');
    const second = commits.findIndex(
      (line) => line.includes(activityStream) && line.includes('"firstVersion":2,'),
    );
    writeFileSync(file, `${commits.toSpliced(second, 1).join('\n')}\n`);
    const { code, out } = await audit(['verify', '--file', file]);
    expect(code).toBe(1);
    expect(out[0]).toBe('FAILED: 8 commits, 8 events, 5 streams');
    expect(out.slice(2)).toEqual([
      `  gap: ${activityStream} v2 — version 2 is missing (version 3 follows it)`,
    ]);
  });

  it('verify with no --community checks every community the running server holds, each on its own (issue 27)', async () => {
    // A second community with a history of its own: `demo` alone would have said nothing of it.
    const other = await api.token('admin', { community: 'haikou-venus' });
    const created = await api.call('POST', '/residents', {
      token: other,
      body: { name: 'Elsewhere', householdId: 'H-9' },
    });
    expect(created.status).toBe(201);
    // The folder a running server writes: its URL, its engine, its process and its dev key.
    const running = mkdtempSync(join(tmpdir(), 'ccl-audit-running-'));
    writeFileSync(join(running, 'dev-signing-key'), `${api.runtime.secret}\n`);
    writeFileSync(
      join(running, 'engine.json'),
      JSON.stringify({ endpoint: api.runtime.endpoint, url: api.url, pid: process.pid }),
    );
    const { code, out, err } = await audit(['verify'], { DATA_DIR: running });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.filter((line) => line.startsWith('community '))).toEqual([
      'community demo:',
      'community haikou-venus:',
    ]);
    expect(out.filter((line) => line.startsWith('OK: '))).toEqual([
      expect.stringMatching(/^OK: 9 commits/),
      expect.stringMatching(/^OK: 1 commits/),
    ]);
    expect(out.at(-1)).toBe('2 of 2 communities verify');
  });

  it('every refusal is one line on stderr, never a stack', async () => {
    // A port nothing listens on any more.
    const closedPort = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => done(port));
      });
    });
    const refusals = await Promise.all([
      audit(['verify', '--file', join(dir, 'no-such.ndjson')]),
      audit(['replay', '--as-of', 'yesterday', '--file', exported]),
      audit(['replay', '--as-of', '2026-06-30T23:59:00+08:00', '--file', exported, '--plan', 'NO-SUCH-PLAN']),
      audit(['verify', '--frobnicate']),
      audit(['verify', '--community', 'demo'], {
        DATA_DIR: dir,
        LEDGER_URL: `http://127.0.0.1:${closedPort}`,
      }),
      // A key this server never saw: its token is refused.
      audit(['verify', '--community', 'demo'], {
        DATA_DIR: join(dir, 'another-machine'),
        LEDGER_URL: api.url,
      }),
      // Every community, but no running server in that data folder to list them.
      audit(['verify'], { DATA_DIR: join(dir, 'no-server-here'), LEDGER_URL: api.url }),
    ]);
    for (const { code, out, err } of refusals) {
      expect(code).not.toBe(0);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^audit( \w+)?: /);
      expect(err[0]).not.toMatch(/\n| at \S+ \(.*:\d+:\d+\)/);
    }
    expect(refusals.map((r) => r.err[0])).toEqual([
      `audit verify: no file at ${join(dir, 'no-such.ndjson')}`,
      'audit replay: --as-of needs an instant with its offset, e.g. 2026-06-30T23:59:00+08:00',
      'audit replay: plan NO-SUCH-PLAN is not in this history',
      expect.stringMatching(/^audit: Unknown option '--frobnicate'/),
      expect.stringMatching(
        new RegExp(
          `^audit verify: no server answered at http://127.0.0.1:${closedPort} \\(connect ECONNREFUSED .*\\); start it with npm start$`,
        ),
      ),
      // Which key signed the refused token, and which data folder to give instead (issue 25).
      `audit verify: the server at ${api.url} refused this tool's token (401): it was signed with the key in ${join(dir, 'another-machine', 'dev-signing-key')}, and that server was started on another data folder; give the tool that folder (DATA_DIR=… as npm start printed under "data:"), or pass --url for the server started on ${join(dir, 'another-machine')}`,
      `audit verify: no running server found in ${join(dir, 'no-server-here')} to list its communities; pass --community`,
    ]);
  });
});
