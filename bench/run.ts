import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GENESIS_HASH } from '../events/index.js';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';
import { DynamoDbEventStore } from '../functions/adapters/dynamodb-event-store.js';
import { systemClock, ulidIds } from '../functions/composition/core.js';
import { signDevToken } from '../infra/local/dev-key.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { overBudget } from './budgets.js';
import { benchCastoreReplay } from './castore-replay.js';
import { benchColdStarts } from './cold-starts.js';
import { benchCosts } from './costs.js';
import { benchHistorySize } from './history-size.js';
import { benchLatency } from './latency.js';
import { benchProjectionLag } from './projection-lag.js';
import { overRoundTrips } from './round-trips.js';
import { benchSoakAsNpmStartRuns, benchSoakInItsOwnProcess } from './soak.js';
import { ms, ratio, summarize, timeEach } from './stats.js';
import { benchCompliance, benchLongStream } from './streams-and-compliance.js';
import { benchTimeToReady } from './time-to-ready.js';

// Lambda runs Node.js 22; on this Node 20 laptop runtime the SDK's upgrade notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The handlers' EMF metric lines (one per invocation on Lambda) would drown the bench's output.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

/**
 * `npm run bench`: every figure below comes from this one run on the embedded engine (dynalite, in
 * memory), so the ratios compare like with like on whatever machine runs it.
 */
async function main() {
  const runtime = await startLocalRuntime({ logLevel: 'SILENT' });
  const client = createDocumentClient({ endpoint: runtime.endpoint });
  const store = new DynamoDbEventStore({ client, tableName: 'Events', clock: systemClock, ids: ulidIds() });
  const metadata = { actor: 'bench', roles: ['admin'], correlationId: 'bench' };
  const N = Number(process.env.BENCH_N ?? 400);
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };

  // Warm up connections and JIT on all three paths before measuring.
  await timeEach(50, (i) =>
    client.send(new PutCommand({ TableName: 'Views', Item: { pk: `warm#${i}`, sk: 'x' } })),
  );

  const bare = summarize(
    await timeEach(N, (i) =>
      client.send(
        new PutCommand({
          TableName: 'Views',
          Item: { pk: `bench#bare#${i}`, sk: 'x', payload: 'y'.repeat(300) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),
  );
  const enrolled = (i: number) => ({
    type: 'ResidentEnrolled',
    data: { residentId: `B${i}`, name: `Resident ${i}`, householdId: `H${i % 50}`, partyMember: false },
  });
  const append = summarize(
    await timeEach(N, (i) =>
      store.append({
        community: 'bench',
        streamId: `bench#resident#B${i}`,
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [enrolled(i)],
        metadata,
      }),
    ),
  );
  const token = await signDevToken(runtime.secret, {
    roles: ['admin'],
    sub: 'bench',
    community: 'bench-http',
  });
  const http = summarize(
    await timeEach(N, (i) =>
      fetch(`${runtime.url}/residents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Resident ${i}`, householdId: `H${i % 50}` }),
      }).then((r) => r.text()),
    ),
  );
  await runtime.dispatcher.idle();

  report('\n## Writes (one at a time)');
  report('| path | median | p99 | median vs bare PutItem |');
  report('|---|---|---|---|');
  report(`| bare conditional PutItem | ${ms(bare.median)} | ${ms(bare.p99)} | 1.00× |`);
  report(
    `| store append, one-event commit | ${ms(append.median)} | ${ms(append.p99)} | ${ratio(append.median, bare.median)} |`,
  );
  report(
    `| POST /residents over HTTP | ${ms(http.median)} | ${ms(http.p99)} | ${ratio(http.median, bare.median)} |`,
  );

  // Reads: a bare GSI Query page loop vs the store's global-order reader over the same commits.
  const total = N;
  const started = performance.now();
  let rawItems = 0;
  let startKey: Record<string, unknown> | undefined;
  const bucket = (await store.readHistory({ community: 'bench', limit: 1 })).commits[0]!;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: 'Events',
        IndexName: 'byCommunityMonth',
        KeyConditionExpression: '#b = :b',
        ExpressionAttributeNames: { '#b': 'bucket' },
        ExpressionAttributeValues: { ':b': `bench#${bucket.recordedAt.slice(0, 7)}` },
        ExclusiveStartKey: startKey,
        Limit: 1000,
      }),
    );
    rawItems += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const rawSeconds = (performance.now() - started) / 1000;
  const storeStarted = performance.now();
  let storeCommits = 0;
  let after: string | undefined;
  do {
    const page = await store.readHistory({ community: 'bench', after, limit: 1000 });
    storeCommits += page.commits.length;
    after = page.nextAfter;
  } while (after);
  const storeSeconds = (performance.now() - storeStarted) / 1000;
  const rawRate = rawItems / rawSeconds;
  const storeRate = storeCommits / storeSeconds;
  report('\n## Reads (global order, one community)');
  report('| path | items | items/s | vs bare Query |');
  report('|---|---|---|---|');
  report(`| bare Query pages on the index | ${rawItems} | ${rawRate.toFixed(0)} | 1.00× |`);
  report(
    `| store.readHistory (parse commits) | ${storeCommits} | ${storeRate.toFixed(0)} | ${ratio(storeRate, rawRate)} |`,
  );
  if (storeCommits !== total) report(`(expected ${total} commits, read ${storeCommits})`);

  await benchLongStream(runtime.deps, report);
  await benchCompliance(runtime, report);
  await benchColdStarts(runtime, report);
  const overBudgetLines = overBudget(await benchCosts(report));
  await runtime.close();
  overBudgetLines.push(...overRoundTrips(await benchLatency(report)));
  await benchCastoreReplay(report);
  overBudgetLines.push(...(await benchProjectionLag(report)));
  await benchSoakInItsOwnProcess(report);
  const growth = await benchSoakAsNpmStartRuns(report);
  if (growth > 1.3)
    overBudgetLines.push(
      `server memory as npm start runs it: ${growth.toFixed(2)}× from 1,000 to 7,000 enrolments, over 1.3×`,
    );
  await benchTimeToReady(report);
  overBudgetLines.push(...(await benchHistorySize(report)));
  // Last, so the whole report is there to read: a command over its call or round-trip budget, or
  // under its throughput floor, fails the bench.
  for (const line of overBudgetLines) console.error(`over budget: ${line}`);
  if (overBudgetLines.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
