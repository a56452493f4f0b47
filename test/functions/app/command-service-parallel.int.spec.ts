import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Decider } from '../../../domain/shared/decider.js';
import type { DomainEvent } from '../../../events/index.js';
import { GENESIS_HASH } from '../../../events/index.js';
import { createDocumentClient } from '../../../functions/adapters/dynamodb-client.js';
import type { DynamoDbEventStore } from '../../../functions/adapters/dynamodb-event-store.js';
import { DynamoDbSessionWrites } from '../../../functions/adapters/dynamodb-session-writes.js';
import { DynamoDbViewStore } from '../../../functions/adapters/dynamodb-view-store.js';
import { CommandService } from '../../../functions/app/command-handler.js';
import type { EventStore } from '../../../functions/app/ports.js';
import { projectedMarkerKey } from '../../../functions/app/view-store.js';
import type { HttpMiddleware } from '../../../functions/http/middleware/context.js';
import { sessionConsistency } from '../../../functions/http/middleware/session-consistency.js';
import { ManualClock } from '../../support/clock.js';
import { freshEventStore, startEngine, type TestEngine } from '../../support/engines.js';

/**
 * A command's session note goes beside its commit (issue 24: one round trip, not two). Whichever of
 * the two fails, the guarantees hold: the command is committed once or not at all, and the caller's
 * next query waits for exactly the writes that landed.
 */
type Add = { type: 'Add' };
const enrolled: DomainEvent = {
  type: 'ResidentEnrolled',
  data: { residentId: 'R', name: 'enc:v1:x', householdId: 'H', partyMember: false },
};
const counter: Decider<Add, { count: number }, DomainEvent> = {
  initialState: { count: 0 },
  decide: () => [enrolled],
  evolve: (state) => ({ count: state.count + 1 }),
};
const metadata = { actor: 'organizer-1', roles: [], correlationId: 'c' };
const caller = { community: 'c', sub: 'organizer-1', roles: ['organizer'] };
type Request = Parameters<NonNullable<HttpMiddleware['before']>>[0];

describe('a command whose session note and commit run in parallel', () => {
  let engine: TestEngine;
  let store: DynamoDbEventStore;
  let sessions: DynamoDbSessionWrites;
  let views: DynamoDbViewStore;
  const clock = new ManualClock('2026-05-01T00:00:00Z');

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    const fresh = await freshEventStore(engine.endpoint, clock);
    store = fresh.store;
    const client = createDocumentClient({ endpoint: engine.endpoint });
    sessions = new DynamoDbSessionWrites(
      client,
      fresh.tables.IDEMPOTENCY_TABLE,
      clock,
      fresh.tables.VIEWS_TABLE,
    );
    views = new DynamoDbViewStore(client, fresh.tables.VIEWS_TABLE);
  });

  const execute = (
    service: CommandService,
    noteWrite: (p: { streamId: string; version: number }) => Promise<void>,
  ) =>
    service.execute({
      decider: counter,
      community: 'c',
      streamId: 'c#activity#X',
      command: { type: 'Add' },
      metadata,
      noteWrite,
    });

  /** The caller's next query, as the HTTP pipeline runs it: 'answered' or the problem's code. */
  const nextQuery = async () => {
    const middleware = sessionConsistency(sessions, views, store, {
      waitMs: 300,
      backoff: { firstMs: 10, maxMs: 20 },
    });
    const request = {
      event: {},
      context: { ledger: { correlationId: 'q', match: { route: { kind: 'query' } }, principal: caller } },
    } as unknown as Request;
    return Promise.resolve(middleware.before!(request)).then(
      () => 'answered',
      (e: { code?: string }) => e.code,
    );
  };

  it('sends both at once: the note is in flight before the commit is answered', async () => {
    const order: string[] = [];
    const watched: EventStore = Object.assign(Object.create(store), {
      append: async (commit: Parameters<EventStore['append']>[0]) => {
        order.push('append sent');
        const done = await store.append(commit);
        order.push('append answered');
        return done;
      },
    });
    const outcome = await execute(new CommandService({ store: watched }), async (position) => {
      order.push('note sent');
      await sessions.record(caller, position);
    });
    expect(outcome).toMatchObject({ version: 1 });
    expect(order.indexOf('note sent')).toBeLessThan(order.indexOf('append answered'));
  });

  it('a note that fails beside a landed commit is sent once more: accepted, and the next query waits for it', async () => {
    let notes = 0;
    const outcome = await execute(new CommandService({ store }), async (position) => {
      if (notes++ === 0) throw new Error('throttled');
      await sessions.record(caller, position);
    });
    expect(outcome).toMatchObject({ version: 1 });
    expect(notes).toBe(2);
    expect(await sessions.recent(caller, 15_000)).toEqual([{ streamId: 'c#activity#X', version: 1 }]);
    // Nothing projected it: the caller's query is held (and says so) rather than answering without it.
    expect(await nextQuery()).toBe('views-behind');
  });

  it('a commit that fails beside a landed note commits nothing, and the next query does not wait for it', async () => {
    const failing: EventStore = Object.assign(Object.create(store), {
      append: async () => {
        throw new Error('engine unavailable');
      },
    });
    await expect(
      execute(new CommandService({ store: failing }), (position) => sessions.record(caller, position)),
    ).rejects.toThrow('engine unavailable');
    expect((await store.readStream('c#activity#X')).version).toBe(0);
    expect(await sessions.recent(caller, 15_000)).toEqual([{ streamId: 'c#activity#X', version: 1 }]);
    expect(await nextQuery()).toBe('answered');
  });

  it('a failed command of two events on a landed write waits only for the stream’s end', async () => {
    await execute(new CommandService({ store }), (p) => sessions.record(caller, p));
    await views.putIfUnchanged(
      { ref: projectedMarkerKey('c', 'c#activity#X'), owner: 'c#activity#X', appliedVersion: 1, data: {} },
      undefined,
    );
    // A cancel that promotes from the waitlist decides two events: its note names version 3.
    const failing: EventStore = Object.assign(Object.create(store), {
      append: async () => {
        throw new Error('throttled');
      },
    });
    const twice: typeof counter = { ...counter, decide: () => [enrolled, enrolled] };
    await expect(
      new CommandService({ store: failing }).execute({
        decider: twice,
        community: 'c',
        streamId: 'c#activity#X',
        command: { type: 'Add' },
        metadata,
        noteWrite: (p) => sessions.record(caller, p),
      }),
    ).rejects.toThrow('throttled');
    expect(await sessions.recent(caller, 15_000)).toEqual([{ streamId: 'c#activity#X', version: 3 }]);
    expect(await nextQuery()).toBe('answered');
  });

  it('a race lost to another writer notes the version finally committed', async () => {
    let raced = false;
    const racing: EventStore = Object.assign(Object.create(store), {
      append: async (commit: Parameters<EventStore['append']>[0]) => {
        if (!raced) {
          raced = true;
          await store.append({ ...commit, prevHash: GENESIS_HASH, expectedVersion: 0 });
        }
        return store.append(commit);
      },
    });
    const outcome = await execute(new CommandService({ store: racing, sleep: async () => undefined }), (p) =>
      sessions.record(caller, p),
    );
    expect(outcome).toMatchObject({ version: 2 });
    expect(await sessions.recent(caller, 15_000)).toEqual([{ streamId: 'c#activity#X', version: 2 }]);
  });

  it('a write the projector noted applied is not waited for, with no read of its marker', async () => {
    await execute(new CommandService({ store }), (p) => sessions.record(caller, p));
    const [commit] = (await store.readStream('c#activity#X')).commits;
    await sessions.applied([commit!]);
    expect(await sessions.recent(caller, 15_000)).toEqual([]);
    // An older position noted later never moves the applied one back.
    await sessions.applied([{ ...commit!, lastVersion: 0 }]);
    expect(await sessions.recent(caller, 15_000)).toEqual([]);
    expect(await nextQuery()).toBe('answered');
  });
});
