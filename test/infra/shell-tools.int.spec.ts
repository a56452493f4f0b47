import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../infra/local/audit-cli.js';
import { startLocalRuntime } from '../../infra/local/runtime.js';
import { startApi, type TestApi } from '../support/api.js';

const root = join(import.meta.dirname, '..', '..');

/** A shell tool as a person runs it: its own process, stdout, stderr and exit code. */
function tool(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      // No PORT, LEDGER_URL or DATA_DIR from the test's own environment: each test says what it means.
      {
        cwd: root,
        env: { ...process.env, PORT: '', LEDGER_URL: '', DATA_DIR: '', INIT_CWD: root, ...env },
        encoding: 'utf8',
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The tool's stderr without Node's own notices (the SDK's, Node's warnings). */
const saidBy = (stderr: string) =>
  stderr
    .split('\n')
    .filter(
      (line) =>
        line.trim() !== '' &&
        !/warning|node >=22|a\.co\/|upgrade to node|--trace-warnings|^To continue|^versions published|^will require|^More information|^\(Use/i.test(
          line,
        ),
    );

describe('the shell tools never guess (issue 25)', () => {
  let api: TestApi;
  let decoy: Server;
  let decoyUrl: string;
  let port: string;
  /** A data folder with the server's key, whose record names another live server (the decoy). */
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-tools-'));
  const typedIn = mkdtempSync(join(tmpdir(), 'ccl-typed-in-'));
  let plans2027: string[];

  beforeAll(async () => {
    api = await startApi();
    port = new URL(api.url).port;
    decoy = createServer((_, response) => response.writeHead(500).end('decoy'));
    await new Promise<void>((done) => decoy.listen(0, '127.0.0.1', () => done()));
    decoyUrl = `http://127.0.0.1:${(decoy.address() as { port: number }).port}`;
    writeFileSync(join(dataDir, 'dev-signing-key'), `${api.runtime.secret}\n`);
    writeFileSync(join(dataDir, 'engine.json'), JSON.stringify({ url: decoyUrl, pid: process.pid }));
    const admin = await api.token('admin');
    const plan = async (year: number, title: string) =>
      (
        await api.call<{ id: string }>('POST', '/plans', {
          token: admin,
          body: { communityName: 'Venus', year, title },
        })
      ).body.id;
    await plan(2026, 'Plan 2026');
    plans2027 = [await plan(2027, 'Plan 2027'), await plan(2027, 'Plan 2027, revised')];
  });
  afterAll(async () => {
    await api?.close();
    decoy?.close();
  });

  it('take PORT over the server recorded in DATA_DIR, and say which server in one line at start', async () => {
    const run = await tool('infra/local/report-cli.ts', ['--period', '2026', '--format', 'json'], {
      DATA_DIR: dataDir,
      PORT: port,
    });
    expect(saidBy(run.stderr)).toEqual([`using http://127.0.0.1:${port} (from PORT)`]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ period: { name: '2026' } });
    // The audit the same way: PORT's server is verified, not the one recorded.
    const notes: string[] = [];
    const out: string[] = [];
    const code = await runAudit(
      ['verify', '--community', 'demo'],
      { DATA_DIR: dataDir, PORT: port },
      {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        progress: () => undefined,
        note: (l) => notes.push(l),
      },
    );
    expect(notes).toEqual([`using http://127.0.0.1:${port} (from PORT)`]);
    expect({ code, first: out[0] }).toEqual({ code: 0, first: expect.stringMatching(/^OK: 3 commits/) });
  });

  it('refuse to choose among several plans of a year, and list them (report and audit replay)', async () => {
    const run = await tool('infra/local/report-cli.ts', ['--period', '2027'], {
      DATA_DIR: dataDir,
      PORT: port,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const said = saidBy(run.stderr);
    expect(said.slice(1)).toEqual([
      '2 plans for 2027; say which with --plan:',
      `  --plan ${plans2027[0]}   Plan 2027`,
      `  --plan ${plans2027[1]}   Plan 2027, revised`,
    ]);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAudit(
      ['replay', '--as-of', '2027-06-30T23:59:00+08:00'],
      { DATA_DIR: dataDir, PORT: port },
      { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => undefined },
    );
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err).toEqual([
      `audit replay: 2 plans for 2027 in this history; say which: --plan ${plans2027[0]} (2027 Plan 2027), --plan ${plans2027[1]} (2027 Plan 2027, revised)`,
    ]);
  });

  it('explain a token the server refuses: which key signed it, which DATA_DIR to give', async () => {
    const otherKey = mkdtempSync(join(tmpdir(), 'ccl-other-key-'));
    const run = await tool('infra/local/seed/seed-cli.ts', ['--url', api.url], { DATA_DIR: otherKey });
    expect(run.code).toBe(1);
    expect(saidBy(run.stderr)).toEqual([
      `using ${api.url} (from --url)`,
      `the server at ${api.url} refused this tool's token (401): it was signed with the key in ${join(otherKey, 'dev-signing-key')}, and that server was started on another data folder; give the tool that folder (DATA_DIR=… as npm start printed under "data:"), or pass --url for the server started on ${otherKey}`,
    ]);
  });

  it('name the DATA_DIR to use when the refusing server runs on this machine', async () => {
    const serversDir = mkdtempSync(join(tmpdir(), 'ccl-servers-dir-'));
    const server = await startLocalRuntime({ dataDir: serversDir, logLevel: 'SILENT' });
    const otherKey = mkdtempSync(join(tmpdir(), 'ccl-other-key-'));
    try {
      const run = await tool('infra/local/report-cli.ts', ['--period', '2026', '--url', server.url], {
        DATA_DIR: otherKey,
      });
      expect(run.code).toBe(1);
      expect(saidBy(run.stderr).at(-1)).toBe(
        `the server at ${server.url} refused this tool's token (401): it was signed with the key in ${join(otherKey, 'dev-signing-key')}, and that server runs on ${serversDir}: run the tool with DATA_DIR="${serversDir}"`,
      );
    } finally {
      await server.close();
    }
  });

  it('read a relative DATA_DIR and --out from the folder the command was typed in', async () => {
    const run = await tool('infra/local/token-cli.ts', ['--role', 'admin'], {
      DATA_DIR: 'mydata',
      INIT_CWD: typedIn,
    });
    try {
      expect(run.code).toBe(0);
      expect(existsSync(join(typedIn, 'mydata', 'dev-signing-key'))).toBe(true);
      expect(existsSync(join(root, 'mydata'))).toBe(false);
    } finally {
      rmSync(join(root, 'mydata'), { recursive: true, force: true });
    }
  });

  it('name a PDF by its language: the English and the Chinese report are two files', async () => {
    const out = join(typedIn, 'pdfs');
    mkdirSync(out);
    for (const lang of ['en', 'zh-CN'])
      expect(
        (
          await tool('infra/local/report-cli.ts', ['--period', '2026', '--format', 'pdf', '--lang', lang], {
            DATA_DIR: dataDir,
            PORT: port,
            INIT_CWD: out,
          })
        ).code,
      ).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['report-2026-en.pdf', 'report-2026-zh-CN.pdf']);
  });

  it('refuse --send with --lang rather than ignore it', async () => {
    const run = await tool('infra/local/report-cli.ts', ['--period', '2026', '--send', '--lang', 'en'], {
      DATA_DIR: dataDir,
      PORT: port,
    });
    expect(run.code).toBe(2);
    expect(saidBy(run.stderr)).toEqual([
      "--send sends the report to the plan's recipients in the plan's locale: --lang, --format and --out do not apply (leave them out, or drop --send to render it)",
    ]);
  });

  it('answer --help with their usage and exit 0, every one of them', async () => {
    const runs = await Promise.all(
      [
        'infra/local/token-cli.ts',
        'infra/local/report-cli.ts',
        'infra/local/audit-cli.ts',
        'infra/local/rebuild-cli.ts',
        'infra/local/seed/seed-cli.ts',
        'infra/local/main.ts',
      ].map(async (script) => ({
        script,
        ...(await tool(script, ['--help'], {
          DATA_DIR: mkdtempSync(join(tmpdir(), 'ccl-help-')),
          PORT: '0',
        })),
      })),
    );
    for (const run of runs) {
      expect({ script: run.script, code: run.code }).toEqual({ script: run.script, code: 0 });
      expect(run.stdout, run.script).toMatch(/^usage:/);
      expect(saidBy(run.stderr), run.script).toEqual([]);
    }
  }, 90_000);

  it('end quietly when the reader stops early (| head, | true): exit 0, no stack trace', async () => {
    const history = join(typedIn, 'history.ndjson');
    const exported = await runAudit(
      ['export', '--out', history],
      { DATA_DIR: dataDir, LEDGER_URL: api.url },
      { out: () => undefined, err: () => undefined, progress: () => undefined },
    );
    expect(exported).toBe(0);
    // `true` reads nothing and is gone before the tool writes: its first line meets a closed pipe.
    const run = spawnSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        `"${process.execPath}" --import tsx infra/local/audit-cli.ts replay --as-of 2026-12-31T00:00:00Z --file "${history}" | true`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } },
    );
    expect(saidBy(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('a second server on a data folder already held names the process holding it', async () => {
    const held = mkdtempSync(join(tmpdir(), 'ccl-held-'));
    const first = await startLocalRuntime({ dataDir: held, logLevel: 'SILENT' });
    try {
      const second = await tool('infra/local/main.ts', [], { DATA_DIR: held, PORT: '0' });
      expect(second.code).toBe(1);
      expect(saidBy(second.stderr)).toEqual([
        `could not start: the data folder ${held} is held by the server with pid ${process.pid} (${first.url}): stop it (Ctrl-C where it runs, or kill ${process.pid}), or give this server another DATA_DIR`,
      ]);
    } finally {
      await first.close();
    }
  }, 60_000);
});
