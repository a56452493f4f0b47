import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb-client.js';
import { DynamoDbSessionWrites, slotOf } from '../../../functions/adapters/dynamodb-session-writes.js';
import { ManualClock } from '../../support/clock.js';
import { freshTables, startEngine, type TestEngine } from '../../support/engines.js';

/**
 * A query learns the caller's recent writes from one BatchGetItem. Under throttling the engine may
 * leave the session item unprocessed: answering "no recent writes" then would skip the wait for the
 * caller's own changes, so the read is retried, and fails closed (503) if it never comes back.
 */
const caller = { community: 'c', sub: 'organizer-1' };
const written = { streamId: 'c#activity#X', version: 2 };

/** The engine, except that the first `times` BatchGetItems come back with every key unprocessed. */
function throttling(client: DynamoDBDocumentClient, times: number) {
  let left = times;
  const batches = { sent: 0 };
  const send = async (command: unknown) => {
    if (command instanceof BatchGetCommand) {
      batches.sent++;
      if (left-- > 0) return { Responses: {}, UnprocessedKeys: command.input.RequestItems };
    }
    return client.send(command as never);
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, batches };
}

describe('a caller’s recent writes, read while the engine throttles', () => {
  let engine: TestEngine;
  let tables: Awaited<ReturnType<typeof freshTables>>;
  let client: DynamoDBDocumentClient;
  const clock = new ManualClock('2026-05-01T00:00:00Z');
  const sessionsOver = (c: DynamoDBDocumentClient) =>
    new DynamoDbSessionWrites(c, tables.IDEMPOTENCY_TABLE, clock, tables.VIEWS_TABLE);

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    tables = await freshTables(engine.endpoint);
    client = createDocumentClient({ endpoint: engine.endpoint });
    await sessionsOver(client).record(caller, written);
  });

  it('asks again for what came back unprocessed, and still names the write', async () => {
    const { client: flaky, batches } = throttling(client, 2);
    expect(await sessionsOver(flaky).recent(caller, 15_000)).toEqual([written]);
    expect(batches.sent).toBe(3);
  });

  it('answers 503 rather than “no writes” when the session never comes back', async () => {
    const { client: flaky, batches } = throttling(client, Number.POSITIVE_INFINITY);
    await expect(sessionsOver(flaky).recent(caller, 15_000)).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'views-behind',
    });
    expect(batches.sent).toBeGreaterThan(1);
    expect(batches.sent).toBeLessThan(10);
  });
});

describe('what the projector notes applied, stream by stream in any order', () => {
  let engine: TestEngine;
  let tables: Awaited<ReturnType<typeof freshTables>>;
  const clock = new ManualClock('2026-05-01T00:00:00Z');

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    tables = await freshTables(engine.endpoint);
  });
  afterAll(async () => engine?.close());

  const sessionsOnEngine = () =>
    new DynamoDbSessionWrites(
      createDocumentClient({ endpoint: engine.endpoint }),
      tables.IDEMPOTENCY_TABLE,
      clock,
      tables.VIEWS_TABLE,
    );
  /** What the projector tells of a commit of `who`'s it applied. */
  const appliedCommit = (who: typeof caller, streamId: string, lastVersion: number, recordedAt: string) => ({
    community: who.community,
    streamId,
    lastVersion,
    recordedAt,
    metadata: { actor: who.sub },
  });

  /** Two activity streams whose writes share one slot of the caller's session. */
  function sharingASlot(): [string, string] {
    const first = 'c#activity#A0';
    for (let i = 1; ; i++) {
      const other = `c#activity#A${i}`;
      if (slotOf(other) === slotOf(first)) return [first, other];
    }
  }

  it('a query waits for nothing once both are applied, though the older was noted applied last', async () => {
    const sessions = sessionsOnEngine();
    const [older, newer] = sharingASlot();
    const commit = (streamId: string, recordedAt: string) => appliedCommit(caller, streamId, 1, recordedAt);
    await sessions.record(caller, { streamId: older, version: 1 });
    clock.set('2026-05-01T00:00:01Z');
    await sessions.record(caller, { streamId: newer, version: 1 });
    // Streams are applied in parallel: the newer one's note may land first.
    await sessions.applied([commit(newer, '2026-05-01T00:00:01.000Z')]);
    await sessions.applied([commit(older, '2026-05-01T00:00:00.000Z')]);
    expect(await sessions.recent(caller, 15_000)).toEqual([]);
  });
  it('concurrent commands: the later write is still waited for though the earlier one’s note landed last', async () => {
    const sessions = sessionsOnEngine();
    const [older, newer] = sharingASlot();
    const who = { ...caller, sub: 'organizer-concurrent' };
    const commit = (streamId: string, recordedAt: string) => appliedCommit(who, streamId, 1, recordedAt);
    // Two commands of one caller at once: the later one's note lands first, the earlier one's after.
    clock.set('2026-05-01T00:00:01Z');
    await sessions.record(who, { streamId: newer, version: 1 });
    clock.set('2026-05-01T00:00:00Z');
    await sessions.record(who, { streamId: older, version: 1 });
    clock.set('2026-05-01T00:00:02Z');
    // Before the views show the newer write, the query still waits for it.
    await sessions.applied([commit(older, '2026-05-01T00:00:00.000Z')]);
    expect(await sessions.recent(who, 15_000)).toEqual([{ streamId: newer, version: 1 }]);
    await sessions.applied([commit(newer, '2026-05-01T00:00:01.000Z')]);
    expect(await sessions.recent(who, 15_000)).toEqual([]);
  });

  it('two writes of one millisecond: the note and the applied slot keep the same one, in any order', async () => {
    const sessions = sessionsOnEngine();
    const [a, b] = sharingASlot();
    const who = { ...caller, sub: 'organizer-same-ms' };
    const at = '2026-05-01T00:00:03.000Z';
    clock.set(at);
    await sessions.record(who, { streamId: b, version: 1 });
    await sessions.record(who, { streamId: a, version: 1 });
    const commit = (streamId: string) => appliedCommit(who, streamId, 1, at);
    await sessions.applied([commit(b)]);
    await sessions.applied([commit(a)]);
    expect(await sessions.recent(who, 15_000)).toEqual([]);
  });
  it('two streams of one slot written seconds apart: the earlier is waited for until it is applied itself', async () => {
    const sessions = sessionsOnEngine();
    const [earlier, later] = sharingASlot();
    const who = { ...caller, sub: 'organizer-two-streams' };
    clock.set('2026-05-01T00:01:00Z');
    await sessions.record(who, { streamId: earlier, version: 1 });
    clock.set('2026-05-01T00:01:02Z');
    await sessions.record(who, { streamId: later, version: 3 });
    // The projector's shards run apart: the later stream is applied first.
    await sessions.applied([appliedCommit(who, later, 3, '2026-05-01T00:01:02.000Z')]);
    expect(await sessions.recent(who, 15_000)).toEqual([{ streamId: earlier, version: 1 }]);
    await sessions.applied([appliedCommit(who, earlier, 1, '2026-05-01T00:01:00.000Z')]);
    expect(await sessions.recent(who, 15_000)).toEqual([]);
    // Past the window, nothing is waited for.
    await sessions.record(who, { streamId: earlier, version: 2 });
    clock.set('2026-05-01T00:01:20Z');
    expect(await sessions.recent(who, 15_000)).toEqual([]);
  });

  it('bulk work: past a window’s exact notes, notes go to the slots, and the last writes are still named', async () => {
    const client = createDocumentClient({ endpoint: engine.endpoint });
    let sent = 0;
    const counting = {
      send: (command: never) => {
        sent++;
        return client.send(command);
      },
    } as unknown as DynamoDBDocumentClient;
    const sessions = new DynamoDbSessionWrites(counting, tables.IDEMPOTENCY_TABLE, clock, tables.VIEWS_TABLE);
    const who = { ...caller, sub: 'organizer-bulk' };
    clock.set('2026-05-01T00:02:00.500Z');
    const streams = Array.from({ length: 100 }, (_, i) => `c#resident#R${i}`);
    for (const streamId of streams) await sessions.record(who, { streamId, version: 1 });
    // One refused write finds the window full; every note after it goes straight to its slot.
    expect(sent).toBe(64 + 1 + 36);
    const named = new Set((await sessions.recent(who, 15_000)).map((p) => p.streamId));
    // The first 64 exactly; of the rest, one per slot they fell in (the last written of each).
    for (const streamId of streams.slice(0, 64)) expect(named.has(streamId), streamId).toBe(true);
    const lastOfSlot = new Map(streams.slice(64).map((streamId) => [slotOf(streamId), streamId]));
    for (const streamId of lastOfSlot.values()) expect(named.has(streamId), streamId).toBe(true);
    expect(named.size).toBe(64 + lastOfSlot.size);
  });

  it('a write noted by a command whose clock runs ahead, into the next window, is still waited for', async () => {
    const sessions = sessionsOnEngine();
    const who = { ...caller, sub: 'organizer-clock-ahead' };
    // Windows begin every 15 s from the epoch: 00:03:00 begins one. The command's clock reads 00:03:00.2.
    clock.set('2026-05-01T00:03:00.200Z');
    await sessions.record(who, { streamId: 'c#activity#AHEAD', version: 1 });
    // The query's clock is 400 ms behind, still in the window before.
    clock.set('2026-05-01T00:02:59.800Z');
    expect(await sessions.recent(who, 15_000)).toEqual([{ streamId: 'c#activity#AHEAD', version: 1 }]);
  });
});
