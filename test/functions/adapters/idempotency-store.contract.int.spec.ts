import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbIdempotencyStore } from '../../../functions/adapters/dynamodb-idempotency-store.js';
import { ManualClock } from '../../support/clock.js';
import {
  documentClient,
  engineKinds,
  freshTables,
  startEngine,
  type TestEngine,
} from '../../support/engines.js';

const LOCK_MS = 30_000;

/** The claim protocol the exactly-once guarantee rests on, the same on every engine. */
describe.each(engineKinds())('idempotency store contract on %s', (kind) => {
  let engine: TestEngine;
  let store: DynamoDbIdempotencyStore;
  let clock: ManualClock;

  beforeAll(async () => {
    engine = await startEngine(kind);
  }, 60_000);
  afterAll(async () => engine?.close());

  beforeEach(async () => {
    const tables = await freshTables(engine.endpoint);
    clock = new ManualClock('2026-05-04T02:00:00.000Z');
    store = new DynamoDbIdempotencyStore(
      documentClient(engine.endpoint),
      tables.IDEMPOTENCY_TABLE,
      clock,
      LOCK_MS,
    );
  });

  it('claims a new key with the reserved id, and says it is in progress to a second claim while locked', async () => {
    const first = await store.claim('demo#k', 'fp', 'ID-1');
    expect(first).toEqual({
      state: 'acquired',
      reservedId: 'ID-1',
      claimedSince: '2026-05-04T02:00:00.000Z',
      lockedUntil: clock.now().getTime() + LOCK_MS,
      takenOver: false,
    });
    clock.advance(LOCK_MS - 1);
    expect(await store.claim('demo#k', 'fp', 'ID-2')).toEqual({ state: 'in-progress', fingerprint: 'fp' });
  });

  it('lets the same request take over an expired claim, keeping the first reserved id and claim time', async () => {
    await store.claim('demo#k', 'fp', 'ID-1');
    clock.advance(LOCK_MS + 1);
    const takeover = await store.claim('demo#k', 'fp', 'ID-2');
    expect(takeover).toMatchObject({
      state: 'acquired',
      reservedId: 'ID-1',
      claimedSince: '2026-05-04T02:00:00.000Z',
      takenOver: true,
    });
    // Only one of two racing takeovers wins.
    clock.advance(LOCK_MS + 1);
    const racing = await Promise.all([
      store.claim('demo#k', 'fp', 'ID-3'),
      store.claim('demo#k', 'fp', 'ID-4'),
    ]);
    expect(racing.map((c) => c.state).sort()).toEqual(['acquired', 'in-progress']);
  });

  it('never lets another request take over an expired claim: it is told the other fingerprint', async () => {
    await store.claim('demo#k', 'fp', 'ID-1');
    clock.advance(LOCK_MS + 1);
    expect(await store.claim('demo#k', 'other', 'ID-2')).toEqual({ state: 'in-progress', fingerprint: 'fp' });
  });

  it('after abandon, the next claim takes over at once; after release, the key is new again', async () => {
    await store.claim('demo#a', 'fp', 'ID-1');
    await store.abandon('demo#a');
    expect(await store.claim('demo#a', 'fp', 'ID-2')).toMatchObject({
      state: 'acquired',
      takenOver: true,
      reservedId: 'ID-1',
    });
    await store.claim('demo#r', 'fp', 'ID-3');
    await store.release('demo#r');
    expect(await store.claim('demo#r', 'changed', 'ID-4')).toMatchObject({
      state: 'acquired',
      takenOver: false,
      reservedId: 'ID-4',
    });
  });

  it('a process that owns its engine releases, at start, only the claims held before it started', async () => {
    await store.claim('demo#dead', 'fp', 'ID-1');
    await store.claim('demo#done', 'fp', 'ID-2');
    await store.complete('demo#done', { status: 201, body: {} });
    clock.advance(1_000);
    const started = clock.now();
    clock.advance(1_000);
    await store.claim('demo#live', 'fp', 'ID-3');
    expect(await store.abandonClaimsFrom(started)).toBe(1);
    // The dead holder's claim is taken over at once, keeping its reserved id; the live one is not.
    expect(await store.claim('demo#dead', 'fp', 'ID-4')).toMatchObject({
      state: 'acquired',
      takenOver: true,
      reservedId: 'ID-1',
    });
    expect(await store.claim('demo#live', 'fp', 'ID-5')).toEqual({ state: 'in-progress', fingerprint: 'fp' });
    expect((await store.claim('demo#done', 'fp', 'ID-6')).state).toBe('completed');
  });

  it('a completed key replays its answer and can be neither taken over, abandoned nor released', async () => {
    await store.claim('demo#c', 'fp', 'ID-1');
    await store.complete('demo#c', { status: 201, body: { id: 'ID-1' } });
    await store.abandon('demo#c');
    await store.release('demo#c');
    clock.advance(LOCK_MS * 10);
    expect(await store.claim('demo#c', 'fp', 'ID-2')).toEqual({
      state: 'completed',
      fingerprint: 'fp',
      response: { status: 201, body: { id: 'ID-1' } },
    });
  });
});
