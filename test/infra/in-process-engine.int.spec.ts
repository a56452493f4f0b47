import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { inProcessEngineAt } from '../../functions/adapters/in-process-engines.js';
import { createTables } from '../../infra/local/create-tables.js';
import { type Engine, startDynalite } from '../../infra/local/engine.js';

/** A client that always goes over the socket, as the shell tools in another process do. */
const overTheSocket = (endpoint: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'local',
      endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
  );

describe('the embedded engine, reached in process by clients of the same process', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startDynalite();
    await createTables(engine.endpoint);
  });
  afterAll(async () => engine?.close());

  it('answers what the socket answers: items, queries, and the engine’s own refusals by name', async () => {
    expect(inProcessEngineAt(engine.endpoint)).toBeDefined();
    const client = createDocumentClient({ endpoint: engine.endpoint });
    const socket = overTheSocket(engine.endpoint);
    const item = { pk: 'p#1', sk: 'a', name: '李伟', n: 3, tags: ['x'] };
    await client.send(
      new PutCommand({ TableName: 'Views', Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );

    const refusals = await Promise.all([
      client
        .send(
          new PutCommand({ TableName: 'Views', Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
        )
        .catch((error: Error) => error.name),
      client
        .send(new GetCommand({ TableName: 'NoSuchTable', Key: { pk: 'p', sk: 'a' } }))
        .catch((e: Error) => e.name),
      client
        .send(
          new PutCommand({ TableName: 'Views', Item: { pk: 'p#2', sk: 'a', big: 'x'.repeat(410 * 1024) } }),
        )
        .catch((error: Error) => error.name),
    ]);
    expect(refusals).toEqual([
      'ConditionalCheckFailedException',
      'ResourceNotFoundException',
      'ValidationException',
    ]);

    // Another process (a shell tool) reads the same engine over its port and sees the same item.
    for (const reader of [client, socket]) {
      const { Item } = await reader.send(new GetCommand({ TableName: 'Views', Key: { pk: 'p#1', sk: 'a' } }));
      expect(Item).toEqual(item);
      const { Items } = await reader.send(
        new QueryCommand({
          TableName: 'Views',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'p#1' },
        }),
      );
      expect(Items).toEqual([item]);
    }
  });

  it('is forgotten when the engine closes: a client made after that goes to the (closed) port', async () => {
    const other = await startDynalite();
    await other.close();
    expect(inProcessEngineAt(other.endpoint)).toBeUndefined();
    const client = createDocumentClient({ endpoint: other.endpoint });
    await expect(
      client.send(new GetCommand({ TableName: 'Views', Key: { pk: 'p', sk: 'a' } })),
    ).rejects.toThrow();
  });

  it('closes once the requests under way are answered, and refuses new ones', async () => {
    const closing = await startDynalite();
    await createTables(closing.endpoint);
    const client = createDocumentClient({ endpoint: closing.endpoint });
    const underWay = Promise.allSettled(
      Array.from({ length: 20 }, () => client.send(new ScanCommand({ TableName: 'Events' }))),
    );
    // Long enough for the scans to be inside the engine, not for them to be answered.
    await new Promise((resolve) => setImmediate(resolve));

    await closing.close();

    // Each is answered, or refused cleanly if it had not reached the engine: none fails inside it.
    const outcomes = (await underWay).map((result) =>
      result.status === 'fulfilled' ? 'answered' : (result.reason as Error).message,
    );
    expect(outcomes).toContain('answered');
    for (const outcome of outcomes) expect(['answered', 'the embedded engine is closing']).toContain(outcome);
    await expect(
      client.send(new GetCommand({ TableName: 'Views', Key: { pk: 'p', sk: 'a' } })),
    ).rejects.toThrow('the embedded engine is closing');
  });
});
