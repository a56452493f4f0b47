import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { activityDecider, activitySnapshots } from '../domain/activity/activity.decider.js';
import { planDecider } from '../domain/plan/plan.decider.js';
import { streamIdOf } from '../domain/shared/ids.js';
import { GENESIS_HASH } from '../events/index.js';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';
import { DynamoDbEventStore } from '../functions/adapters/dynamodb-event-store.js';
import { complianceOf } from '../functions/app/queries/compliance.js';
import type { Dependencies } from '../functions/wiring.js';
import { systemClock, ulidIds } from '../functions/wiring.js';
import { signDevToken } from '../infra/local/dev-key.js';
import type { LocalRuntime } from '../infra/local/runtime.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { benchCastoreReplay } from './castore-replay.js';
import { benchColdStarts } from './cold-starts.js';
import { benchCosts } from './costs.js';
import { benchProjectionLag } from './projection-lag.js';
import { benchSoakInItsOwnProcess } from './soak.js';
import { ms, ratio, summarize, timeEach } from './stats.js';
import { benchTimeToReady } from './time-to-ready.js';

// Lambda runs Node.js 22; on this Node 20 laptop runtime the SDK's upgrade notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
  await benchCosts(report);
  await runtime.close();
  await benchCastoreReplay(report);
  await benchProjectionLag(report);
  await benchSoakInItsOwnProcess(report);
  await benchTimeToReady(report);
}

/** A check-in on an activity with 5,000 attendees against one with 10: snapshots keep them alike. */
async function benchLongStream(deps: Dependencies, report: (line: string) => void) {
  const community = 'bench-long';
  const metadata = { actor: 'bench', roles: ['organizer'], correlationId: 'bench' };
  const plan = { planId: 'P', year: 2026, timeZone: 'Asia/Shanghai' };
  const checkIn = (activityId: string, residentId: string) =>
    deps.commands.execute({
      decider: activityDecider,
      community,
      streamId: streamIdOf(community, 'activity', activityId),
      command: {
        type: 'RecordAttendance',
        activityId,
        residentId,
        residentKnown: true,
        method: 'qr',
        at: '2026-05-01T02:00:00.000Z',
      },
      metadata,
      snapshots: activitySnapshots,
    });
  const prepare = async (activityId: string, attendees: number) => {
    await deps.commands.execute({
      decider: activityDecider,
      community,
      streamId: streamIdOf(community, 'activity', activityId),
      command: {
        type: 'PlanActivity',
        activityId,
        planId: 'P',
        plan,
        category: 'library-reading',
        format: 'reading',
        title: activityId,
        window: { start: '2026-01-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
      },
      metadata,
      snapshots: activitySnapshots,
    });
    for (let i = 0; i < attendees; i++) await checkIn(activityId, `${activityId}-resident-${i}`);
  };
  const LONG = Number(process.env.BENCH_LONG ?? 5000);
  const M = 100;
  // Each measured short check-in lands on its own activity of exactly 10 attendees.
  for (let i = 0; i < M; i++) await prepare(`short-${i}`, 10);
  await prepare('long', LONG);
  const short: number[] = [];
  const long: number[] = [];
  // Interleaved, so both sides see the same machine state.
  for (let i = 0; i < M; i++) {
    short.push(...(await timeEach(1, () => checkIn(`short-${i}`, 'late'))));
    long.push(...(await timeEach(1, () => checkIn('long', `late-${i}`))));
  }
  const s = summarize(short);
  const l = summarize(long);
  report(`\n## Check-in cost against stream length (command service: load from snapshot, decide, append)`);
  report('| activity | median | p99 | median vs 10 attendees |');
  report('|---|---|---|---|');
  report(`| 10 attendees | ${ms(s.median)} | ${ms(s.p99)} | 1.00× |`);
  report(`| ${LONG} attendees | ${ms(l.median)} | ${ms(l.p99)} | ${ratio(l.median, s.median)} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * The compliance query at ~1k and at ~100k events of history: it reads one row per activity, article
 * and member, so its cost follows the plan's size, not the history's length.
 */
async function benchCompliance(runtime: LocalRuntime, report: (line: string) => void) {
  const { deps } = runtime;
  const community = 'bench-compliance';
  const metadata = { actor: 'bench', roles: ['admin'], correlationId: 'bench' };
  const planStream = streamIdOf(community, 'plan', 'P');
  await deps.commands.execute({
    decider: planDecider,
    community,
    streamId: planStream,
    metadata,
    command: {
      type: 'CreatePlan',
      planId: 'P',
      communityName: 'Bench',
      year: 2026,
      title: 'Bench plan',
      timeZone: 'Asia/Shanghai',
    },
  });
  const categories = ['party-education', 'legal-education', 'civilization-school', 'festival'] as const;
  for (const [i, category] of categories.entries()) {
    await deps.commands.execute({
      decider: planDecider,
      community,
      streamId: planStream,
      metadata,
      command: {
        type: 'SetTarget',
        planId: 'P',
        target: {
          targetId: `t${i}`,
          description: category,
          metric: 'activities-held',
          category,
          minimum: 2,
          per: i % 2 ? 'month' : 'quarter',
        },
      },
    });
  }
  for (let i = 0; i < 60; i++) {
    const activityId = `A${String(i).padStart(3, '0')}`;
    const streamId = streamIdOf(community, 'activity', activityId);
    const month = String((i % 12) + 1).padStart(2, '0');
    await deps.commands.execute({
      decider: activityDecider,
      community,
      streamId,
      metadata,
      command: {
        type: 'PlanActivity',
        activityId,
        planId: 'P',
        plan: { planId: 'P', year: 2026, timeZone: 'Asia/Shanghai' },
        category: categories[i % 4]!,
        format: 'lecture',
        title: activityId,
        window: { start: `2026-${month}-01T00:00:00.000Z`, end: `2026-${month}-20T00:00:00.000Z` },
      },
    });
    await deps.commands.execute({
      decider: activityDecider,
      community,
      streamId,
      metadata,
      command: { type: 'RecordHeld', activityId, heldOn: `2026-${month}-10T00:00:00.000Z`, summary: 'held' },
    });
  }
  // History padded to ~1k and then ~100k events, 50 a commit, in streams the plan's compliance
  // does not read (endorsements of other rounds' nominations): the question is whether the query's
  // cost follows the history's length. (Padding with sign-ins answers the same but takes minutes to project.)
  let padStreams = 0;
  const pad = async (events: number) => {
    for (let written = 0; written < events; written += 50) {
      const streamId = streamIdOf(community, 'nomination', `PAD${padStreams++}`);
      const batch = Array.from({ length: 50 }, (_, k) => ({
        type: 'NominationEndorsed',
        data: { residentId: `R${k}` },
      }));
      await deps.events.append({
        community,
        streamId,
        expectedVersion: 0,
        prevHash: '0'.repeat(64),
        events: batch,
        metadata,
      });
    }
    await runtime.dispatcher.idle();
  };
  const measure = async () =>
    summarize(
      await timeEach(50, () => complianceOf(deps.views, community, 'P', new Date('2026-12-31T00:00:00Z'))),
    );
  await pad(800);
  const small = await measure();
  await pad(99_000);
  const large = await measure();
  report('\n## Compliance query against history length (60 activities, 4 targets, 32 period rows)');
  report('| history | median | p99 | median vs ~1k events |');
  report('|---|---|---|---|');
  report(`| ~1k events | ${ms(small.median)} | ${ms(small.p99)} | 1.00× |`);
  report(`| ~100k events | ${ms(large.median)} | ${ms(large.p99)} | ${ratio(large.median, small.median)} |`);
}
