import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbViewStore } from '../../../functions/adapters/dynamodb-view-store.js';
import type { StoredView } from '../../../functions/app/view-store.js';
import {
  documentClient,
  engineKinds,
  freshTables,
  startEngine,
  type TestEngine,
} from '../../support/engines.js';

/** A nomination's document (stored at `demo#nomination#N1`). */
const KEY = { community: 'demo', view: 'nomination', id: ['N1'] };

const view = (data: Record<string, unknown>): StoredView => ({
  ref: KEY,
  owner: 'demo#nomination#N1',
  appliedVersion: 1,
  data,
});

/**
 * A view holds what the projector computed from events the store already accepted, so it must be
 * writable whatever numbers those events carry. DynamoDB's numbers are narrower than JavaScript's
 * (magnitudes from 1e-130 to under 1e126): a judge's score of 5e-324 was accepted, and the nomination's
 * view then failed to project on every retry, its stream blocked, and its readers answered 503.
 */
describe.each(engineKinds())('view store contract on %s', (kind) => {
  let engine: TestEngine;
  let store: DynamoDbViewStore;

  beforeAll(async () => {
    engine = await startEngine(kind);
  }, 60_000);
  afterAll(async () => engine?.close());

  beforeEach(async () => {
    const tables = await freshTables(engine.endpoint);
    store = new DynamoDbViewStore(documentClient(engine.endpoint), tables.VIEWS_TABLE);
  });

  it('keeps numbers smaller than DynamoDB can hold as 0, at any depth, and every other number as it was', async () => {
    const data = {
      tiny: 5e-324,
      negativeTiny: -1e-131,
      smallest: 1e-130,
      ordinary: 0.30000000000000004,
      large: 9.99e125,
      nested: { scores: [{ virtue: Number.MIN_VALUE, service: 8.5 }], count: 3 },
    };
    expect(await store.putIfNewer(view(data))).toBe(true);
    const stored = await store.get(KEY);
    expect(stored?.data).toEqual({
      tiny: 0,
      negativeTiny: 0,
      smallest: 1e-130,
      ordinary: 0.30000000000000004,
      large: 9.99e125,
      nested: { scores: [{ virtue: 0, service: 8.5 }], count: 3 },
    });
  });

  it('writes the same way when the write is conditional on the item read before', async () => {
    expect(await store.putIfUnchanged(view({ score: 1e-200 }), undefined)).toBe(true);
    expect((await store.get(KEY))?.data).toEqual({ score: 0 });
  });

  it('reads nothing from a slice that ends before it starts, where the engine refuses the query', async () => {
    const list = { community: 'demo', list: 'activities' };
    await store.putIfNewer({
      ref: { community: 'demo', view: 'activity', id: ['A1'] },
      placement: { list, order: ['2026-06-10T02:00:00.000Z', 'A1'] },
      owner: 'demo#activity#A1',
      appliedVersion: 1,
      data: { title: 'on the 10th' },
    });
    const slice = (from: string, to: string) => store.list({ list, from, to, limit: 10 });
    expect((await slice('2026-12-01', '2026-01-01')).items).toEqual([]);
    expect((await slice('2026-06-10', '2026-06-10T23')).items).toHaveLength(1);
  });
});
