import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { devSigningSecret, signDevToken } from '../infra/local/dev-key.js';
import { startLocalRuntime } from '../infra/local/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TOTAL = Number(process.env.BENCH_SOAK ?? 7_000);
const FIRST = Math.round(TOTAL / 7);

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Resident set size once the dust has settled: views caught up, a full collection, a breath. */
async function settledRss(idle: () => Promise<void>): Promise<number> {
  await idle();
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 500));
  return process.memoryUsage().rss;
}

/**
 * Memory under a long run of writes, as `npm start` carries it (server, engine and projector in one
 * process): resident set after 1/7 of the enrolments and after all of them.
 */
export async function benchSoak(report: (line: string) => void): Promise<void> {
  // On disk, as `npm start` keeps it: the data's own growth lives in files, not in the process.
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-soak-'));
  const runtime = await startLocalRuntime({ logLevel: 'SILENT', dataDir, consumersInThread: true });
  try {
    const token = await signDevToken(runtime.secret, {
      roles: ['admin'],
      sub: 'soak',
      community: 'bench-soak',
    });
    let next = 0;
    const enrol = async (until: number) =>
      Promise.all(
        Array.from({ length: 10 }, async () => {
          while (next < until) {
            next++;
            const answer = await fetch(`${runtime.url}/residents`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ name: `Resident ${next}`, householdId: `H${next % 50}` }),
            });
            await answer.arrayBuffer();
          }
        }),
      );
    await enrol(FIRST);
    const early = await settledRss(() => runtime.dispatcher.idle());
    await enrol(TOTAL);
    const late = await settledRss(() => runtime.dispatcher.idle());
    report(
      `\n## Memory over a soak (${TOTAL.toLocaleString('en')} enrolments, server + engine + projector in one process)`,
    );
    report(`| after ${FIRST.toLocaleString('en')} | after ${TOTAL.toLocaleString('en')} | growth |`);
    report('|---|---|---|');
    report(`| ${mib(early)} | ${mib(late)} | ${(late / early).toFixed(2)}× |`);
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The resident set of a process by pid, as `ps` shows it (Linux: /proc). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * The same soak against the server as `npm start` runs it: its own process (`infra/local/main.ts`,
 * data on disk, consumers in their thread, its log level), the clients in this one, and no forced
 * collection — the resident set an operator sees. Settled as a client can tell: the caller's next
 * query waits for the views to show their writes, then a breath.
 */
export async function benchSoakAsNpmStartRuns(report: (line: string) => void): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-soak-npm-start-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0' },
    stdio: 'ignore',
  });
  try {
    let running: { url?: string; pid?: number } = {};
    for (let i = 0; i < 600 && !running.url; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(join(dataDir, 'engine.json')))
        running = JSON.parse(readFileSync(join(dataDir, 'engine.json'), 'utf8'));
    }
    if (!running.url || !running.pid) throw new Error('npm start did not come up');
    const token = await signDevToken(devSigningSecret(dataDir), {
      roles: ['admin'],
      sub: 'soak',
      community: 'bench-soak',
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let next = 0;
    const enrol = (until: number) =>
      Promise.all(
        Array.from({ length: 10 }, async () => {
          while (next < until) {
            next++;
            const answer = await fetch(`${running.url}/residents`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ name: `Resident ${next}`, householdId: `H${next % 50}` }),
            });
            await answer.arrayBuffer();
          }
        }),
      );
    const settled = async () => {
      await (await fetch(`${running.url}/residents?limit=1`, { headers })).arrayBuffer();
      await new Promise((r) => setTimeout(r, 1_000));
      return rssOf(running.pid!);
    };
    await enrol(FIRST);
    const early = await settled();
    await enrol(TOTAL);
    const late = await settled();
    report(`\n## Memory of the server as \`npm start\` runs it (its own process; no forced collection)`);
    report(
      `| after ${FIRST.toLocaleString('en')} | after ${TOTAL.toLocaleString('en')} | growth | ceiling |`,
    );
    report('|---|---|---|---|');
    report(`| ${mib(early)} | ${mib(late)} | ${(late / early).toFixed(2)}× | 1.3× |`);
    return late / early;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The soak in a fresh process: the resident set of one that ran other benchmarks says nothing. */
export async function benchSoakInItsOwnProcess(report: (line: string) => void): Promise<void> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/soak.ts'],
    {
      maxBuffer: 1 << 20,
    },
  );
  for (const line of stdout.split('\n')) if (line.trim()) report(line);
}

if (process.argv[1]?.endsWith('soak.ts')) {
  if (process.argv.includes('--npm-start')) await benchSoakAsNpmStartRuns((line) => console.log(line));
  else await benchSoak((line) => console.log(line));
}
