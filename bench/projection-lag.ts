import { signDevToken } from '../infra/local/dev-key.js';
import { startLocalRuntime } from '../infra/local/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const WRITES = Number(process.env.BENCH_BURST ?? 1_000);
const CONNECTIONS = 10;

/**
 * A burst of enrolments from ten clients, then how long until the views show the last of them:
 * the projector must keep up with the write rate, not trail it by seconds.
 */
export async function benchProjectionLag(report: (line: string) => void): Promise<void> {
  const runtime = await startLocalRuntime({ logLevel: 'SILENT' });
  try {
    const token = await signDevToken(runtime.secret, {
      roles: ['admin'],
      sub: 'bench',
      community: 'bench-lag',
    });
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < WRITES) {
          next++;
          const answer = await fetch(`${runtime.url}/residents`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Resident ${next}`, householdId: `H${next % 50}` }),
          });
          if (answer.status !== 201) throw new Error(`enrolment answered ${answer.status}`);
        }
      }),
    );
    const lastAnswered = performance.now();
    await runtime.dispatcher.idle();
    const projected = performance.now();
    const seconds = (lastAnswered - started) / 1000;
    report(`\n## Projection lag after a burst (${WRITES} enrolments, ${CONNECTIONS} connections)`);
    report('| writes/s | burst | views caught up after the last answer |');
    report('|---|---|---|');
    report(
      `| ${(WRITES / seconds).toFixed(0)} | ${seconds.toFixed(2)} s | ${((projected - lastAnswered) / 1000).toFixed(2)} s |`,
    );
  } finally {
    await runtime.close();
  }
}

if (process.argv[1]?.endsWith('projection-lag.ts')) {
  await benchProjectionLag((line) => console.log(line));
}
