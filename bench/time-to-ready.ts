import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GENESIS_HASH } from '../events/index.js';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';
import { DynamoDbEventStore } from '../functions/adapters/dynamodb-event-store.js';
import { systemClock, ulidIds } from '../functions/composition/core.js';
import { createTables } from '../infra/local/create-tables.js';
import { startDynalite } from '../infra/local/engine.js';
import { ratio, summarize } from './stats.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const execFileAsync = promisify(execFile);
const RUNS = Number(process.env.BENCH_READY_RUNS ?? 3);
const SIZES = [0, 1_500, 15_000];

/** Writes `commits` one-event commits (ten per stream) straight into the engine on `dataDir`. */
async function writeHistory(dataDir: string, commits: number): Promise<void> {
  const engine = await startDynalite({ path: join(dataDir, 'dynamodb') });
  await createTables(engine.endpoint);
  const store = new DynamoDbEventStore({
    client: createDocumentClient({ endpoint: engine.endpoint }),
    tableName: 'Events',
    clock: systemClock,
    ids: ulidIds(),
  });
  const streams = Math.ceil(commits / 10);
  let nextStream = 0;
  const writer = async () => {
    for (let s = nextStream++; s < streams; s = nextStream++) {
      let head = { version: 0, hash: GENESIS_HASH };
      for (let v = 0; v < Math.min(10, commits - s * 10); v++) {
        const commit = await store.append({
          community: 'demo',
          streamId: `demo#resident#R${s}`,
          expectedVersion: head.version,
          prevHash: head.hash,
          events: [
            {
              type: 'ResidentEnrolled',
              data: { residentId: `R${s}`, name: 'x', householdId: `H${s}`, partyMember: false },
            },
          ],
          metadata: { actor: 'bench', roles: ['admin'], correlationId: 'bench' },
        });
        head = { version: commit.lastVersion, hash: commit.hash };
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, writer));
  await engine.close();
}

/**
 * Time to ready against the size of the history: the catch-up of views and the bus runs behind the
 * server, so starting with 15,000 commits not yet applied should take about as long as with none.
 */
export async function benchTimeToReady(report: (line: string) => void): Promise<void> {
  const medians: number[] = [];
  for (const size of SIZES) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ccl-ready-'));
    try {
      await writeHistory(dataDir, size);
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { stdout } = await execFileAsync(process.execPath, [
          '--import',
          'tsx',
          'bench/ready-probe.ts',
          dataDir,
        ]);
        samples.push(Number(stdout.trim()));
      }
      medians.push(summarize(samples).median);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  report('\n## Time to ready against history (`npm start` on a data folder, no checkpoint saved)');
  report('| commits in history | ready (median) | vs empty |');
  report('|---|---|---|');
  SIZES.forEach((size, i) => {
    report(
      `| ${size.toLocaleString('en')} | ${medians[i]!.toFixed(0)} ms | ${ratio(medians[i]!, medians[0]!)} |`,
    );
  });
  const worst = medians.at(-1)! / medians[0]!;
  if (worst > 1.5)
    report(`(over budget: ${SIZES.at(-1)} commits start ${worst.toFixed(2)}× slower than none)`);
}

if (process.argv[1]?.endsWith('time-to-ready.ts')) {
  await benchTimeToReady((line) => console.log(line));
}
