import { signDevToken } from '../infra/local/dev-key.js';
import { type LocalRuntimeOptions, startLocalRuntime } from '../infra/local/runtime.js';
import { startMinimalHandler } from './minimal-handler.js';

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

/**
 * A burst of enrolments from ten clients, then how long until the views show the last of them:
 * the projector must keep up with the write rate, not trail it by seconds. The same burst against a
 * minimal handler doing one conditional PutItem is the throughput floor it is compared with.
 */
export async function benchProjectionLag(report: (line: string) => void): Promise<void> {
  const minimal = await startMinimalHandler();
  await burst(minimal.url, {}, WARM_UP);
  let floor = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) floor = Math.min(floor, await burst(minimal.url, {}));
  await minimal.close();
  const measured = await enrolmentBurst({ consumersInThread: true });
  // The same requests with nothing consuming the stream: what the request path alone allows.
  const requestPathAlone = await enrolmentBurst({ withoutStreamConsumers: true });
  report(
    `\n## Throughput and projection lag after a burst (${WRITES} writes, ${CONNECTIONS} connections; best of ${ROUNDS} bursts, worst lag)`,
  );
  report('| path | writes/s | vs minimal handler | views caught up after the last answer |');
  report('|---|---|---|---|');
  report(`| minimal handler: one conditional PutItem | ${(WRITES / floor).toFixed(0)} | 1.00× | – |`);
  report(
    `| POST /residents | ${(WRITES / measured.seconds).toFixed(0)} | ${(floor / measured.seconds).toFixed(2)}× | ${measured.lag.toFixed(2)} s |`,
  );
  report(
    `| POST /residents, nothing projected (the request path's own ceiling) | ${(WRITES / requestPathAlone.seconds).toFixed(0)} | ${(floor / requestPathAlone.seconds).toFixed(2)}× | – |`,
  );
}

/** Warmed-up bursts of enrolments on a fresh runtime: the best one's seconds, the views' worst lag after one. */
async function enrolmentBurst(options: LocalRuntimeOptions): Promise<{ seconds: number; lag: number }> {
  const runtime = await startLocalRuntime({ logLevel: 'SILENT', ...options });
  try {
    const token = await signDevToken(runtime.secret, {
      roles: ['admin'],
      sub: 'bench',
      community: 'bench-lag',
    });
    const headers = { authorization: `Bearer ${token}` };
    await burst(`${runtime.url}/residents`, headers, WARM_UP);
    await runtime.dispatcher.idle();
    let seconds = Number.POSITIVE_INFINITY;
    let lag = 0;
    for (let round = 0; round < ROUNDS; round++) {
      seconds = Math.min(seconds, await burst(`${runtime.url}/residents`, headers));
      const lastAnswered = performance.now();
      await runtime.dispatcher.idle();
      lag = Math.max(lag, (performance.now() - lastAnswered) / 1000);
    }
    return { seconds, lag };
  } finally {
    await runtime.close();
  }
}

if (process.argv[1]?.endsWith('projection-lag.ts')) {
  await benchProjectionLag((line) => console.log(line));
}
