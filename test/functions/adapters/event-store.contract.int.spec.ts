import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { canonicalJson, GENESIS_HASH } from '../../../events/index.js';
import { InMemoryEventStore } from '../../../functions/adapters/memory-event-store.js';
import { CommandService } from '../../../functions/app/command-handler.js';
import { CommitTooLarge, ConcurrencyConflict, type EventStore } from '../../../functions/app/ports.js';
import { ulidIds } from '../../../functions/composition/core.js';
import { ManualClock } from '../../support/clock.js';
import {
  documentClient,
  type EngineKind,
  engineKinds,
  freshEventStore,
  startEngine,
  type TestEngine,
} from '../../support/engines.js';

/** Every implementation of the port: the DynamoDB store on each engine, and the in-memory store. */
type Implementation = EngineKind | 'in-memory';
const implementations: Implementation[] = [...engineKinds(), 'in-memory'];

const metadata = { actor: 'tester', roles: ['admin'], correlationId: 'c-1' };
const enrolled = (residentId: string, name = 'Wang Fang') => ({
  type: 'ResidentEnrolled',
  data: { residentId, name, householdId: 'H-7', partyMember: false },
});

describe.each(implementations)('event store contract on %s', (kind) => {
  let engine: TestEngine | undefined;
  let store: EventStore;
  let clock: ManualClock;
  let tableName: string;

  beforeAll(async () => {
    if (kind !== 'in-memory') engine = await startEngine(kind);
  }, 60_000);
  afterAll(async () => engine?.close());

  beforeEach(async () => {
    clock = new ManualClock('2026-03-31T15:30:00.000Z');
    if (!engine) {
      store = new InMemoryEventStore({ clock, ids: ulidIds() });
      return;
    }
    const fresh = await freshEventStore(engine.endpoint, clock);
    store = fresh.store;
    tableName = fresh.tables.EVENTS_TABLE;
  });

  it('appends one commit holding all its events at the next versions and reads them back in order', async () => {
    const first = await store.append({
      community: 'c1',
      streamId: 'c1#resident#A',
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [enrolled('A')],
      metadata,
    });
    const second = await store.append({
      community: 'c1',
      streamId: 'c1#resident#A',
      expectedVersion: 1,
      prevHash: first.hash,
      events: [enrolled('A', 'x'), enrolled('A', 'y')],
      metadata,
    });
    expect([second.firstVersion, second.lastVersion]).toEqual([2, 3]);
    expect(second.events.map((e) => e.streamVersion)).toEqual([2, 3]);
    const slice = await store.readStream('c1#resident#A');
    expect(slice.version).toBe(3);
    expect(slice.headHash).toBe(second.hash);
    expect(slice.commits.map((c) => c.commitId)).toEqual([first.commitId, second.commitId]);
    const fromThree = await store.readStream('c1#resident#A', { fromVersion: 2 });
    expect(fromThree.commits).toHaveLength(1);
  });

  it('chains each commit to the previous one: hash = sha256(prevHash + canonical JSON of the commit)', async () => {
    const first = await store.append({
      community: 'c1',
      streamId: 'c1#resident#B',
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [enrolled('B')],
      metadata,
    });
    const second = await store.append({
      community: 'c1',
      streamId: 'c1#resident#B',
      expectedVersion: 1,
      prevHash: first.hash,
      events: [enrolled('B')],
      metadata,
    });
    const [a, b] = (await store.readStream('c1#resident#B')).commits;
    const recompute = (commit: typeof a) => {
      const { prevHash, hash: _hash, ...body } = commit!;
      return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
    };
    expect(a!.prevHash).toBe(GENESIS_HASH);
    expect(b!.prevHash).toBe(a!.hash);
    expect(recompute(a)).toBe(first.hash);
    expect(recompute(b)).toBe(second.hash);
  });

  it('refuses an append at a version that is taken, and writes nothing', async () => {
    await store.append({
      community: 'c1',
      streamId: 'c1#resident#C',
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [enrolled('C')],
      metadata,
    });
    await expect(
      store.append({
        community: 'c1',
        streamId: 'c1#resident#C',
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [enrolled('C', 'other')],
        metadata,
      }),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
    const slice = await store.readStream('c1#resident#C');
    expect(slice.commits).toHaveLength(1);
    expect(slice.commits[0]!.events[0]!.data.name).toBe('Wang Fang');
  });

  it('lets exactly one of 20 concurrent appends at the same version win; the rest conflict', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.append({
          community: 'c1',
          streamId: 'c1#resident#D',
          expectedVersion: 0,
          prevHash: GENESIS_HASH,
          events: [enrolled('D', `n${i}`)],
          metadata,
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect((await store.readStream('c1#resident#D')).commits).toHaveLength(1);
  });

  it('refuses an event whose payload breaks its schema, writing nothing', async () => {
    await expect(
      store.append({
        community: 'c1',
        streamId: 'c1#resident#E',
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [{ type: 'ResidentEnrolled', data: { name: 1 } }],
        metadata,
      }),
    ).rejects.toThrow(/ResidentEnrolled/);
    await expect(
      store.append({
        community: 'c1',
        streamId: 'c1#resident#E',
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [{ type: 'NoSuchEvent', data: {} }],
        metadata,
      }),
    ).rejects.toThrow(/unknown event type/);
    expect((await store.readStream('c1#resident#E')).commits).toHaveLength(0);
  });

  it('refuses a commit too large for one item', async () => {
    const huge = {
      type: 'ResidentEnrolled',
      data: { residentId: 'F', name: 'x'.repeat(320 * 1024), householdId: 'H', partyMember: false },
    };
    await expect(
      store.append({
        community: 'c1',
        streamId: 'c1#resident#F',
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [huge],
        metadata,
      }),
    ).rejects.toThrow(/exceeds/);
    await expect(
      store.append({
        community: 'c1',
        streamId: 'c1#resident#F',
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [huge],
        metadata,
      }),
    ).rejects.toBeInstanceOf(CommitTooLarge);
    expect((await store.readStream('c1#resident#F')).commits).toHaveLength(0);
  });

  it('reads a community’s history in global order across streams and months, paged, and never another community’s', async () => {
    const written: string[] = [];
    for (let i = 0; i < 7; i++) {
      const streamId = `c1#resident#S${i % 3}`;
      const loaded = await store.readStream(streamId);
      const commit = await store.append({
        community: 'c1',
        streamId,
        expectedVersion: loaded.version,
        prevHash: loaded.headHash ?? GENESIS_HASH,
        events: [enrolled(`S${i % 3}`)],
        metadata,
      });
      written.push(commit.commitId);
      await store.append({
        community: 'c2',
        streamId: `c2#resident#X${i}`,
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [enrolled(`X${i}`)],
        metadata,
      });
      clock.advance(9 * 24 * 3600 * 1000); // crosses into April and May
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await store.readHistory({ community: 'c1', after, limit: 3 });
      seen.push(...page.commits.map((c) => c.commitId));
      for (const c of page.commits) expect(c.community).toBe('c1');
      after = page.nextAfter;
      pages++;
    } while (after && pages < 10);
    expect(seen).toEqual(written);
    expect([...seen].sort()).toEqual(seen);
    expect((await store.readHistory({ community: 'nobody' })).commits).toEqual([]);
    expect(await store.communities()).toEqual(['c1', 'c2']);
  });

  it('reads the latest snapshot of a schema and the commits after it in one Query, and keeps snapshots out of the history', async () => {
    const streamId = 'c1#resident#G';
    let head = { version: 0, hash: GENESIS_HASH };
    const appendOne = async () => {
      const commit = await store.append({
        community: 'c1',
        streamId,
        expectedVersion: head.version,
        prevHash: head.hash,
        events: [enrolled('G', `n${head.version}`)],
        metadata,
      });
      head = { version: commit.lastVersion, hash: commit.hash };
    };
    for (let i = 0; i < 12; i++) await appendOne();
    expect((await store.readLatest(streamId, { schema: 's1', every: 5 })).snapshot).toBeUndefined();
    await store.writeSnapshot({ streamId, version: 5, hash: 'h5', schema: 's1', state: { n: 5 } });
    await store.writeSnapshot({ streamId, version: 10, hash: 'h10', schema: 's1', state: { n: 10 } });
    await store.writeSnapshot({ streamId, version: 11, hash: 'h11', schema: 's0', state: { old: true } });
    const latest = await store.readLatest(streamId, { schema: 's1', every: 5 });
    expect(latest.snapshot).toEqual({ streamId, version: 10, hash: 'h10', schema: 's1', state: { n: 10 } });
    expect(latest.slice.commits.map((c) => c.firstVersion)).toEqual([11, 12]);
    expect(latest.slice).toMatchObject({ version: 12, headHash: head.hash });
    // A schema no snapshot has: every commit, oldest first.
    const none = await store.readLatest(streamId, { schema: 's2', every: 5 });
    expect(none.snapshot).toBeUndefined();
    expect(none.slice.commits.map((c) => c.firstVersion)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    // Snapshots live beside commits but are not history.
    expect((await store.readStream(streamId)).commits).toHaveLength(12);
    expect((await store.readHistory({ community: 'c1', limit: 100 })).commits).toHaveLength(12);
  });

  // DynamoDB only (not declared for the in-memory store, rather than skipped): the v1 commit is
  // planted with a raw PutItem in the table, as the first release wrote it; the in-memory store has
  // no table to plant it in and only ever holds commits it sealed itself.
  if (kind === 'in-memory') return;
  it('upcasts a stored v1 event to the current version when a stream is loaded', async () => {
    // A commit written by the first release, before party membership was recorded.
    const body = {
      commitId: '01J0000000000000000000000A',
      community: 'c1',
      streamId: 'c1#resident#OLD',
      firstVersion: 1,
      lastVersion: 1,
      recordedAt: '2025-01-05T02:00:00.000Z',
      metadata,
      events: [
        {
          eventId: '01J0000000000000000000000B',
          type: 'ResidentEnrolled',
          schemaVersion: 1,
          streamVersion: 1,
          data: { residentId: 'OLD', name: 'Zhao Lei', householdId: 'H-1' },
        },
      ],
    };
    const json = canonicalJson(body);
    await documentClient(engine!.endpoint).send(
      new PutCommand({
        TableName: tableName,
        Item: {
          streamId: body.streamId,
          version: 1,
          lastVersion: 1,
          kind: 'commit',
          commitId: body.commitId,
          bucket: 'c1#2025-01',
          community: 'c1',
          recordedAt: body.recordedAt,
          body: json,
          prevHash: GENESIS_HASH,
          hash: createHash('sha256').update(GENESIS_HASH).update(json).digest('hex'),
        },
      }),
    );
    const loaded = await new CommandService({ store }).load(residentDecider, 'c1#resident#OLD');
    expect(loaded.state).toEqual({ status: 'enrolled', householdId: 'H-1', partyMember: false });
    expect(loaded.version).toBe(1);
  });
});
