import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Commit } from '../events/index.js';
import { streamRecordOf } from '../functions/streams/commit-stream.js';
import { lambdaEsbuildOptions } from '../infra/constructs/ledger-function.js';
import { type LedgerFunctionName, ledgerFunctions } from '../infra/functions.js';
import { signDevToken } from '../infra/local/dev-key.js';
import { bundleDirsIn } from '../infra/local/handlers.js';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { synthesizeCloudAssembly } from '../infra/local/synth.js';
import { ratio, summarize } from './stats.js';

const execFileAsync = promisify(execFile);
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);

const httpEvent = (method: string, path: string, body?: unknown) => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  requestContext: {
    http: { method, path, sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', userAgent: 'bench' },
    requestId: 'bench',
    authorizer: {
      jwt: { claims: { sub: 'bench', community: 'bench-cold', 'cognito:groups': '[admin]' }, scopes: [] },
    },
  },
  body: body === undefined ? undefined : JSON.stringify(body),
  isBase64Encoded: false,
});

/** One queued unit, as an SQS event source mapping delivers it. */
const sqsEvent = (unit: object) => ({
  Records: [
    {
      messageId: 'cold',
      receiptHandle: 'cold',
      body: JSON.stringify(unit),
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'cold',
      awsRegion: 'local',
    },
  ],
});

/** A first invocation each function really gets on AWS (an API call, a stream record, a schedule). */
function firstEvents(commit: Commit, planId: string): Record<LedgerFunctionName, unknown> {
  const streamEvent = { Records: [streamRecordOf(commit)] };
  return {
    commands: httpEvent('POST', '/residents', { name: 'Cold Start', householdId: 'H-1' }),
    queries: httpEvent('GET', '/residents'),
    projector: streamEvent,
    publisher: streamEvent,
    mailer: sqsEvent({
      kind: 'report',
      time: '2026-05-01T00:00:00Z',
      community: 'bench-cold',
      // A plan of another year: the worker loads it and skips it. (A plan that does not exist fails the
      // unit, so the queue retries it: not a first invocation to time.)
      planId,
      period: '2026-04',
    }),
    digests: sqsEvent({ kind: 'digest', time: '2026-05-02T00:05:00Z', community: 'bench-cold' }),
    scheduler: { work: 'digests', time: '2026-05-02T00:05:00Z' },
    // A one-line sheet in Chinese: the first PDF loads the layout engine and the CJK font.
    printer: {
      print: {
        title: '签到表',
        language: 'zh-CN',
        footer: '第 {page} 页',
        blocks: [{ kind: 'paragraph', text: '冷启动' }],
      },
    },
  };
}

/**
 * Bundle size and cold initialization (fresh process: import, then the first invocation against the
 * local engine) of every function, next to a bare middy handler with the same SDK clients, bundled
 * with the same esbuild options.
 */
export async function benchColdStarts(runtime: LocalRuntime, report: (line: string) => void) {
  const { endpoint } = runtime;
  // A real commit (a resident enrolled over HTTP) for the stream consumers' first record.
  const token = await signDevToken(runtime.secret, {
    roles: ['admin'],
    sub: 'bench',
    community: 'bench-cold',
  });
  const enrolled = await fetch(`${runtime.url}/residents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'First Record', householdId: 'H-0' }),
  });
  if (enrolled.status !== 201) throw new Error(`enrolment for the cold-start record: ${enrolled.status}`);
  const commit = (await runtime.deps.events.readHistory({ community: 'bench-cold', limit: 1 })).commits[0]!;
  const planned = await fetch(`${runtime.url}/plans`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ communityName: 'Bench', year: 2025, title: 'Last year' }),
  });
  if (planned.status !== 201) throw new Error(`the plan for the mailer's first unit: ${planned.status}`);
  const { id: planId } = (await planned.json()) as { id: string };
  const dirs = bundleDirsIn(synthesizeCloudAssembly());
  const bareDir = mkdtempSync(join(tmpdir(), 'ccl-bench-bare-'));
  await build({
    entryPoints: [resolve('bench/bare-handler.ts')],
    outfile: join(bareDir, 'index.mjs'),
    // The options LedgerFunction gives esbuild, so the sizes compare like with like.
    ...lambdaEsbuildOptions,
    logLevel: 'silent',
  });
  const env = {
    ...process.env,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    BUS_DIR: mkdtempSync(join(tmpdir(), 'ccl-bench-bus-')),
    OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'ccl-bench-outbox-')),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const probe = resolve('bench/cold-start-probe.mjs');
  // Asynchronously: the engine runs in this process and must keep answering while a probe runs.
  const measure = async (bundle: string, event: unknown) => {
    const runs: { importMs: number; firstInvokeMs: number; failed: boolean }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { stdout } = await execFileAsync(
        process.execPath,
        [probe, pathToFileURL(bundle).href, JSON.stringify(event)],
        {
          env,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      runs.push(JSON.parse(stdout));
    }
    if (runs.some((r) => r.failed)) throw new Error(`${bundle}: the first invocation failed`);
    return {
      importMs: summarize(runs.map((r) => r.importMs)).median,
      firstMs: summarize(runs.map((r) => r.firstInvokeMs)).median,
      totalMs: summarize(runs.map((r) => r.importMs + r.firstInvokeMs)).median,
    };
  };
  const kb = (file: string) => statSync(file).size / 1024;
  const bareFile = join(bareDir, 'index.mjs');
  const bare = await measure(bareFile, httpEvent('GET', '/'));
  const bareKb = kb(bareFile);
  report(`\n## Bundles and cold starts (fresh process: import + first invocation, median of ${RUNS})`);
  report('| function | bundle | vs bare | import | first invocation | cold total | vs bare |');
  report('|---|---|---|---|---|---|---|');
  const row = (name: string, size: number, m: Awaited<typeof bare>) =>
    report(
      `| ${name} | ${size.toFixed(0)} KB | ${ratio(size, bareKb)} | ${m.importMs.toFixed(1)} ms | ${m.firstMs.toFixed(1)} ms | ${m.totalMs.toFixed(1)} ms | ${ratio(m.totalMs, bare.totalMs)} |`,
    );
  row('bare middy + same SDK clients', bareKb, bare);
  const events = firstEvents(commit, planId);
  for (const name of Object.keys(ledgerFunctions) as LedgerFunctionName[]) {
    const file = join(dirs[name], 'index.mjs');
    if (name === 'scheduler') {
      // Its first invocation queues units on SQS, which the bench has no stand-in for (the
      // scheduled-work test runs it against the local queues instead): its bundle is still sized.
      report(
        `| ${name} | ${kb(file).toFixed(0)} KB | ${ratio(kb(file), bareKb)} | not timed: its first call sends to SQS | | | |`,
      );
      continue;
    }
    row(name, kb(file), await measure(file, events[name]));
  }
}
