import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { recordAwsCalls } from '../functions/adapters/aws-calls.js';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';
import { startDynalite } from '../infra/local/engine.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import {
  delayedEngine,
  IDEMPOTENCY_ALLOWANCE,
  ROUND_TRIP_BUDGETS,
  type RoundTripCommand,
  roundTripRecorder,
  type Span,
  sequentialRoundTrips,
} from './round-trips.js';
import { benchScene } from './scene.js';
import { summarize } from './stats.js';

/** DynamoDB's in-region order of magnitude for one call. */
export const INJECTED_DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 5);
const RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 15);

export interface MeasuredLatency {
  readonly p50: number;
  readonly roundTrips: number;
  readonly withKey?: number;
  readonly p50WithKey?: number;
}

/** The floor: a Node `http` handler doing one conditional PutItem, over the same delayed engine. */
async function floorHandler(endpoint: string) {
  const spans: Span[] = [];
  const client = recordAwsCalls(createDocumentClient({ endpoint }), 'dynamodb', (call) => {
    if (call.startedAt !== undefined) spans.push(call as Span);
  });
  let n = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      await client.send(
        new PutCommand({
          TableName: 'Views',
          Item: { pk: `floor#${n++}`, sk: 'x', ...JSON.parse(body) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, spans, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Each budgeted command over HTTP with every DynamoDB call delayed by `INJECTED_DELAY_MS` (what the
 * network costs on AWS): its median latency against the one-PutItem floor's, and the sequential
 * round trips it took (the longest chain of calls each waiting for the one before).
 */
export async function benchLatency(report: (line: string) => void): Promise<Record<string, MeasuredLatency>> {
  const engine = await startDynalite();
  const delayed = delayedEngine(engine.endpoint, INJECTED_DELAY_MS);
  const recorder = roundTripRecorder();
  const runtime = await startLocalRuntime({
    endpoint: delayed.endpoint,
    awsCalls: recorder.awsCalls,
    logLevel: 'SILENT',
  });
  const floor = await floorHandler(delayed.endpoint);
  const measured: Record<string, MeasuredLatency> = {};
  try {
    const { run } = await benchScene(runtime, 'bench-latency', RUNS * 2);
    const timed = async (once: () => Promise<unknown>) => {
      const latencies: number[] = [];
      let roundTrips = 0;
      for (let i = 0; i < RUNS; i++) {
        // The views caught up first: a query's wait for the caller's writes is its steady state.
        await runtime.dispatcher.idle();
        const started = performance.now();
        roundTrips = Math.max(roundTrips, await recorder.measure(once));
        latencies.push(performance.now() - started);
      }
      return { p50: summarize(latencies).median, roundTrips };
    };
    const floorLatencies: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      const started = performance.now();
      floor.spans.length = 0;
      await fetch(floor.url, { method: 'POST', body: JSON.stringify({ name: `Floor ${i}` }) }).then((r) =>
        r.text(),
      );
      floorLatencies.push(performance.now() - started);
    }
    const floorP50 = summarize(floorLatencies.slice(RUNS)).median;
    const floorTrips = sequentialRoundTrips(floor.spans);
    for (const command of Object.keys(ROUND_TRIP_BUDGETS) as RoundTripCommand[]) {
      const plain = await timed(() => run[command]());
      const isQuery = command.endsWith('query');
      const keyed = isQuery ? undefined : await timed(() => run[command](true));
      measured[command] = {
        ...plain,
        ...(keyed ? { withKey: keyed.roundTrips, p50WithKey: keyed.p50 } : {}),
      };
    }
    report(
      `\n## Latency with ${INJECTED_DELAY_MS} ms injected per DynamoDB call (median of ${RUNS}; round trips one after another)`,
    );
    report('| command | p50 | vs floor | round trips | budget | with Idempotency-Key | budget |');
    report('|---|---|---|---|---|---|---|');
    report(
      `| floor: one conditional PutItem | ${floorP50.toFixed(1)} ms | 1.00× | ${floorTrips} | – | – | – |`,
    );
    for (const [command, m] of Object.entries(measured)) {
      const budget = ROUND_TRIP_BUDGETS[command as RoundTripCommand];
      const keyed =
        m.withKey === undefined
          ? '– | –'
          : `${m.p50WithKey!.toFixed(1)} ms, ${m.withKey} | ${budget + IDEMPOTENCY_ALLOWANCE}`;
      report(
        `| ${command} | ${m.p50.toFixed(1)} ms | ${(m.p50 / floorP50).toFixed(2)}× | ${m.roundTrips} | ${budget} | ${keyed} |`,
      );
    }
  } finally {
    await runtime.close();
    await floor.close();
    delayed.close();
    await engine.close();
  }
  return measured;
}

if (process.argv[1]?.endsWith('latency.ts')) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const { overRoundTrips } = await import('./round-trips.js');
  const over = overRoundTrips(await benchLatency((line) => console.log(line)));
  for (const line of over) console.error(`over budget: ${line}`);
  process.exit(over.length > 0 ? 1 : 0);
}
