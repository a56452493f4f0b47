import { CreateTableCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { decodeEvent, GENESIS_HASH } from '../events/index.js';
import { STREAM_READ } from '../functions/adapters/commit-item.js';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';
import { DynamoDbEventStore } from '../functions/adapters/dynamodb-event-store.js';
import { systemClock, ulidIds } from '../functions/composition/core.js';
import { createTables } from '../infra/local/create-tables.js';
import { startDynalite } from '../infra/local/engine.js';
import { ratio, summarize, timeEach } from './stats.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const EVENTS = 2_000;
const RUNS = Number(process.env.BENCH_REPLAY_RUNS ?? 15);

/**
 * Replaying one long stream with no snapshot, against Castore's DynamoDB adapter (2.4.2) on the same
 * engine: 2,000 one-event commits (check-ins) read and decoded, as a rebuild or an audit reads them.
 */
export async function benchCastoreReplay(report: (line: string) => void): Promise<void> {
  const engine = await startDynalite();
  try {
    await createTables(engine.endpoint);
    const raw = new DynamoDBClient({
      endpoint: engine.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await raw.send(
      new CreateTableCommand({
        TableName: 'castore',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'aggregateId', AttributeType: 'S' },
          { AttributeName: 'version', AttributeType: 'N' },
          { AttributeName: 'eventStoreId', AttributeType: 'S' },
          { AttributeName: 'timestamp', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'aggregateId', KeyType: 'HASH' },
          { AttributeName: 'version', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'initialEvents',
            KeySchema: [
              { AttributeName: 'eventStoreId', KeyType: 'HASH' },
              { AttributeName: 'timestamp', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
    const castore = new DynamoDBSingleTableEventStorageAdapter({ tableName: 'castore', dynamoDBClient: raw });
    const store = new DynamoDbEventStore({
      client: createDocumentClient({ endpoint: engine.endpoint }),
      tableName: 'Events',
      clock: systemClock,
      ids: ulidIds(),
    });
    const checkIn = (i: number) => ({
      residentId: `01M8KF2Q4MKVS4E4A5C8JH${String(i).padStart(4, '0')}`,
      method: 'kiosk',
      at: '2026-05-04T02:00:00.000Z',
    });
    const metadata = {
      actor: 'organizer-1',
      roles: ['organizer'],
      correlationId: 'c0f1e2d3-a4b5-4c6d-8e7f-8091a2b3c4d5',
    };
    let head = { version: 0, hash: GENESIS_HASH };
    for (let i = 0; i < EVENTS; i++) {
      const commit = await store.append({
        community: 'bench',
        streamId: 'bench#activity#LONG',
        expectedVersion: head.version,
        prevHash: head.hash,
        events: [{ type: 'ResidentAttended', data: checkIn(i) }],
        metadata,
      });
      head = { version: commit.lastVersion, hash: commit.hash };
      await castore.pushEvent(
        { aggregateId: 'LONG', version: i + 1, type: 'ResidentAttended', payload: checkIn(i), metadata },
        { eventStoreId: 'activities' },
      );
    }
    const replayOurs = async () => {
      const { commits } = await store.readStream('bench#activity#LONG');
      for (const c of commits) for (const e of c.events) decodeEvent(e.type, e.schemaVersion, e.data);
      if (commits.length !== EVENTS) throw new Error(`read ${commits.length} commits`);
    };
    const replayCastore = async () => {
      const { events } = await castore.getEvents('LONG', { eventStoreId: 'activities' });
      if (events.length !== EVENTS) throw new Error(`read ${events.length} events`);
    };
    // Warm both paths, then alternate, so neither gains from running second or from a quiet moment.
    await timeEach(3, replayOurs);
    await timeEach(3, replayCastore);
    const oursSamples: number[] = [];
    const theirSamples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      oursSamples.push(...(await timeEach(1, replayOurs)));
      theirSamples.push(...(await timeEach(1, replayCastore)));
    }
    // What one stored check-in weighs on the wire (marshalled JSON), and the Query pages a replay takes.
    const weight = async (TableName: string, Key: Record<string, { S: string } | { N: string }>) =>
      JSON.stringify((await raw.send(new GetItemCommand({ TableName, Key }))).Item).length;
    const ourItem = await weight('Events', {
      streamId: { S: 'bench#activity#LONG' },
      version: { N: '1000' },
    });
    const theirItem = await weight('castore', {
      aggregateId: { S: 'activities#LONG' },
      version: { N: '1000' },
    });
    let pages = 0;
    let startKey: Record<string, never> | undefined;
    do {
      const page = await raw.send(
        new QueryCommand({
          TableName: 'Events',
          KeyConditionExpression: 'streamId = :s',
          ExpressionAttributeValues: { ':s': { S: 'bench#activity#LONG' } },
          ...STREAM_READ,
          ExclusiveStartKey: startKey,
        }),
      );
      pages++;
      startKey = page.LastEvaluatedKey as typeof startKey;
    } while (startKey);
    const ours = summarize(oursSamples);
    const theirs = summarize(theirSamples);
    report(`\n## Replay of one ${EVENTS.toLocaleString('en')}-event stream, no snapshot (same engine)`);
    report('| store | median | events/s | vs Castore 2.4.2 |');
    report('|---|---|---|---|');
    report(
      `| Castore DynamoDB adapter | ${theirs.median.toFixed(1)} ms | ${((EVENTS / theirs.median) * 1000).toFixed(0)} | 1.00× |`,
    );
    report(
      `| this store (read, parse, upcast) | ${ours.median.toFixed(1)} ms | ${((EVENTS / ours.median) * 1000).toFixed(0)} | ${ratio(theirs.median, ours.median)} |`,
    );
    report(
      `A stored check-in: ${ourItem} marshalled characters here, ${theirItem} in Castore's table; this replay reads ${pages} Query page${pages === 1 ? '' : 's'}.`,
    );
    raw.destroy();
  } finally {
    await engine.close();
  }
}

if (process.argv[1]?.endsWith('castore-replay.ts')) {
  await benchCastoreReplay((line) => console.log(line));
}
