import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Projection } from '../../../domain/shared/projection.js';
import type { DomainEvent } from '../../../events/index.js';
import { batchGetAll } from '../../../functions/adapters/batch-get.js';
import { DynamoDbViewStore } from '../../../functions/adapters/dynamodb-view-store.js';
import { registerInProcessEngine } from '../../../functions/adapters/in-process-engines.js';
import { projectedMarkerKey } from '../../../functions/app/view-store.js';
import { Projector } from '../../../functions/projector/projector.js';
import { oneEventCommit } from '../../support/commits.js';
import { documentClient, freshTables, startEngine, type TestEngine } from '../../support/engines.js';

/** One document every resident's stream writes (a deed's, for a layout the store knows). */
const TALLY = { community: 'demo', view: 'deed', id: ['tally'] };

/** Every resident's stream writes one shared item: two streams of one batch then touch the same key. */
const sharedTally: Projection<DomainEvent, { count: number }> = {
  name: 'shared-tally',
  schema: z.object({ count: z.number() }),
  touches: () => [TALLY],
  evolve: (current) => ({ data: { count: (current?.data.count ?? 0) + 1 } }),
};

const enrolled = (id: string, version: number) =>
  oneEventCommit('demo', `demo#resident#${id}`, version, 'ResidentPersonalDataErased', { residentId: id });

describe('batched reads on the engine', () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());

  it('asks for each key once however often it is named, a hundred keys a request', async () => {
    const { VIEWS_TABLE } = await freshTables(engine.endpoint);
    const client = documentClient(engine.endpoint);
    const store = new DynamoDbViewStore(client, VIEWS_TABLE);
    for (let i = 0; i < 150; i++)
      await store.putIfUnchanged(
        { ref: projectedMarkerKey('p', `s${i}`), owner: 'o', appliedVersion: 1, data: {} },
        undefined,
      );
    const keys = Array.from({ length: 300 }, (_, i) => ({ pk: 'p#$projected', sk: `s${i % 150}` }));

    const items = await batchGetAll(client, VIEWS_TABLE, keys);

    expect(items.map((item) => item.sk).sort()).toEqual(
      Array.from({ length: 150 }, (_, i) => `s${i}`).sort(),
    );
  });

  it('keys the engine keeps leaving unprocessed fail the read as the store being busy, after eight asks', async () => {
    let asked = 0;
    const endpoint = 'http://always-unprocessed.invalid';
    // Every BatchGetItem answered with nothing read and every key left unprocessed: a throttled table.
    const close = registerInProcessEngine(endpoint, {
      handle: async (request) => {
        asked++;
        const { RequestItems } = JSON.parse(String(request.body));
        const body = JSON.stringify({ Responses: {}, UnprocessedKeys: RequestItems });
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    });
    try {
      const keys = [{ pk: 'p#$projected', sk: 's1' }];
      await expect(batchGetAll(documentClient(endpoint), 'Views', keys)).rejects.toMatchObject({
        kind: 'unavailable',
        code: 'store-busy',
      });
      expect(asked).toBe(8);
    } finally {
      close();
    }
  });

  it('two streams of one batch touching one item: the one that does not own it fails, the other is applied', async () => {
    const { VIEWS_TABLE } = await freshTables(engine.endpoint);
    const views = new DynamoDbViewStore(documentClient(engine.endpoint), VIEWS_TABLE);
    const projector = new Projector(views, [sharedTally as Projection<DomainEvent, Record<string, unknown>>]);
    await projector.applyBatch([enrolled('A', 1)]);

    const failed = await projector.applyBatch([enrolled('A', 2), enrolled('B', 2)]);

    expect(failed).toEqual(new Set(['demo#resident#B']));
    expect(await views.get(TALLY)).toMatchObject({
      owner: 'demo#resident#A',
      appliedVersion: 2,
      data: { count: 2 },
    });
  });
});
