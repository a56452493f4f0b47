import { signDevToken } from '../infra/local/dev-key.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { startMinimalHandler } from './minimal-handler.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const WRITES = Number(process.env.BENCH_BURST ?? 1_000);
const CONNECTIONS = 10;
/** Writes sent before measuring, to each path alike: the JIT warms up before the clock starts. */
const WARM_UP = 200;

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
  const floor = await burst(minimal.url, {}).finally(() => minimal.close());
  const runtime = await startLocalRuntime({ logLevel: 'SILENT', consumersInThread: true });
  try {
    const token = await signDevToken(runtime.secret, {
      roles: ['admin'],
      sub: 'bench',
      community: 'bench-lag',
    });
    await burst(`${runtime.url}/residents`, { authorization: `Bearer ${token}` }, WARM_UP);
    await runtime.dispatcher.idle();
    const seconds = await burst(`${runtime.url}/residents`, { authorization: `Bearer ${token}` });
    const lastAnswered = performance.now();
    await runtime.dispatcher.idle();
    const projected = performance.now();
    report(`\n## Throughput and projection lag after a burst (${WRITES} writes, ${CONNECTIONS} connections)`);
    report('| path | writes/s | vs minimal handler | views caught up after the last answer |');
    report('|---|---|---|---|');
    report(`| minimal handler: one conditional PutItem | ${(WRITES / floor).toFixed(0)} | 1.00× | – |`);
    report(
      `| POST /residents | ${(WRITES / seconds).toFixed(0)} | ${(floor / seconds).toFixed(2)}× | ${((projected - lastAnswered) / 1000).toFixed(2)} s |`,
    );
  } finally {
    await runtime.close();
  }
}

if (process.argv[1]?.endsWith('projection-lag.ts')) {
  await benchProjectionLag((line) => console.log(line));
}
