import { signDevToken } from '../infra/local/dev-key.js';
import { type LocalRuntimeOptions, startLocalRuntime } from '../infra/local/runtime.js';
import { startSameCallsHandler } from './same-calls-handler.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const WRITES = Number(process.env.BENCH_BURST ?? 1_000);
const CONNECTIONS = 10;
/** Writes sent before measuring, to each path alike: the JIT warms up before the clock starts. */
const WARM_UP = 200;
/** Bursts measured per path, the best kept: a burst the machine disturbed does not set the figure. */
const ROUNDS = 3;

/** `writes` POSTs from ten clients at once; the seconds until the last was answered. */
async function burst(url: string, headers: Record<string, string>, writes = WRITES): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < writes) {
        next++;
        const answer = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Resident ${next}`, householdId: `H${next % 50}` }),
        });
        if (answer.status !== 201) throw new Error(`${url} answered ${answer.status}`);
        await answer.arrayBuffer();
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/** What a row must reach against its floor (issue 24 item 5). */
export const THROUGHPUT_FLOORS = { nothingConsuming: 0.8, consumersRunning: 0.4 } as const;

/**
 * A burst of enrolments from ten clients, then how long until the views show the last of them:
 * the projector must keep up with the write rate, not trail it by seconds. Each is compared, in the
 * same runtime and on the same engine, with a hand-written handler making the same request-path
 * calls (key, commit, session): first with nothing consuming the stream, then with the projector and
 * publisher in their thread as `npm start` runs them. Returns a line per ratio under its floor.
 */
export async function benchProjectionLag(report: (line: string) => void): Promise<string[]> {
  const alone = await enrolmentBurst({ withoutStreamConsumers: true });
  const measured = await enrolmentBurst({ consumersInThread: true });
  report(
    `\n## Throughput and projection lag after a burst (${WRITES} writes, ${CONNECTIONS} connections; best of ${ROUNDS} bursts, worst lag)`,
  );
  report(
    '| path | writes/s | same-calls floor, same engine, same run | ratio | floor | views caught up after the last answer |',
  );
  report('|---|---|---|---|---|---|');
  const row = (label: string, m: Burst, floor: number) =>
    report(
      `| ${label} | ${(WRITES / m.seconds).toFixed(0)} | ${(WRITES / m.floorSeconds).toFixed(0)} | ${(m.floorSeconds / m.seconds).toFixed(2)}× | ≥ ${floor}× | ${m.lag === undefined ? '–' : `${m.lag.toFixed(2)} s`} |`,
    );
  row('POST /residents, nothing consuming the stream', alone, THROUGHPUT_FLOORS.nothingConsuming);
  row('POST /residents, projector and publisher running', measured, THROUGHPUT_FLOORS.consumersRunning);
  const under: string[] = [];
  if (alone.floorSeconds / alone.seconds < THROUGHPUT_FLOORS.nothingConsuming)
    under.push(
      `POST /residents with nothing consuming: ${(alone.floorSeconds / alone.seconds).toFixed(2)}× its same-calls floor, under ${THROUGHPUT_FLOORS.nothingConsuming}×`,
    );
  if (measured.floorSeconds / measured.seconds < THROUGHPUT_FLOORS.consumersRunning)
    under.push(
      `POST /residents with the consumers running: ${(measured.floorSeconds / measured.seconds).toFixed(2)}× its same-calls floor, under ${THROUGHPUT_FLOORS.consumersRunning}×`,
    );
  return under;
}

interface Burst {
  readonly seconds: number;
  readonly floorSeconds: number;
  readonly lag?: number;
}

/** Warmed-up bursts of enrolments and of the same-calls floor, taken in turns on one runtime: each one's best. */
async function enrolmentBurst(options: LocalRuntimeOptions): Promise<Burst> {
  const runtime = await startLocalRuntime({ logLevel: 'SILENT', ...options });
  const floor = await startSameCallsHandler(runtime.endpoint);
  try {
    const token = await signDevToken(runtime.secret, {
      roles: ['admin'],
      sub: 'bench',
      community: 'bench-lag',
    });
    const headers = { authorization: `Bearer ${token}` };
    await burst(floor.url, {}, WARM_UP);
    await burst(`${runtime.url}/residents`, headers, WARM_UP);
    await runtime.dispatcher.idle();
    let seconds = Number.POSITIVE_INFINITY;
    let floorSeconds = Number.POSITIVE_INFINITY;
    let lag = 0;
    for (let round = 0; round < ROUNDS; round++) {
      floorSeconds = Math.min(floorSeconds, await burst(floor.url, {}));
      seconds = Math.min(seconds, await burst(`${runtime.url}/residents`, headers));
      const lastAnswered = performance.now();
      await runtime.dispatcher.idle();
      lag = Math.max(lag, (performance.now() - lastAnswered) / 1000);
    }
    return { seconds, floorSeconds, ...(options.withoutStreamConsumers ? {} : { lag }) };
  } finally {
    await floor.close();
    await runtime.close();
  }
}

if (process.argv[1]?.endsWith('projection-lag.ts')) {
  const under = await benchProjectionLag((line) => console.log(line));
  for (const line of under) console.error(`under its floor: ${line}`);
  process.exit(under.length > 0 ? 1 : 0);
}
