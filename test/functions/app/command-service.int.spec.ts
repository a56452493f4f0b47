import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Decider } from '../../../domain/shared/decider.js';
import { domainError } from '../../../domain/shared/errors.js';
import type { DomainEvent } from '../../../events/index.js';
import type { DynamoDbEventStore } from '../../../functions/adapters/dynamodb-event-store.js';
import { CommandService } from '../../../functions/app/command-handler.js';
import { ApplicationError } from '../../../functions/app/errors.js';
import type { EventStore } from '../../../functions/app/ports.js';
import { ManualClock } from '../../support/clock.js';
import { freshEventStore, startEngine, type TestEngine } from '../../support/engines.js';

/** A counter stream: each "Add" appends one event; the state is how many were added. */
type Add = { type: 'Add'; name: string; limit?: number };
const counter: Decider<Add, { count: number }, DomainEvent> = {
  initialState: { count: 0 },
  decide: (command, state) =>
    command.limit !== undefined && state.count >= command.limit
      ? domainError('full', 'conflict', 'no more')
      : [
          {
            type: 'ResidentEnrolled',
            // Sealed as enrolment seals it (the command service refuses a name in the clear).
            data: { residentId: 'R', name: `enc:v1:${command.name}`, householdId: 'H', partyMember: false },
          },
        ],
  evolve: (state) => ({ count: state.count + 1 }),
};

const metadata = { actor: 't', roles: [], correlationId: 'c' };

describe('command service: load → fold → decide → append', () => {
  let engine: TestEngine;
  let store: DynamoDbEventStore;

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    store = (await freshEventStore(engine.endpoint, new ManualClock('2026-05-01T00:00:00Z'))).store;
  });

  const run = (
    service: CommandService,
    command: Add,
    extra: { expectedVersion?: number; streamId?: string } = {},
  ) =>
    service.execute({
      decider: counter,
      community: 'c',
      streamId: extra.streamId ?? 'c#activity#X',
      command,
      metadata,
      expectedVersion: extra.expectedVersion,
    });

  it('re-decides on the new state after losing a race, so rules hold under concurrency', async () => {
    const service = new CommandService({ store });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => run(service, { type: 'Add', name: `n${i}`, limit: 10 })),
    );
    const accepted = results.filter((r) => !('kind' in r));
    const refused = results.filter((r) => 'kind' in r);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(20);
    expect((await store.readStream('c#activity#X')).version).toBe(10);
  });

  it('refuses to append a name the catalogue seals when a decider hands it over in the clear, and appends nothing', async () => {
    const careless: typeof counter = {
      ...counter,
      decide: (command) => [
        {
          type: 'ResidentEnrolled',
          data: { residentId: 'R', name: command.name, householdId: 'H', partyMember: false },
        },
      ],
    };
    const service = new CommandService({ store });
    const appended = service.execute({
      decider: careless,
      community: 'c',
      streamId: 'c#resident#R',
      command: { type: 'Add', name: 'Xiomara Quillfeather' },
      metadata,
    });
    await expect(appended).rejects.toThrow(/written in the clear, not sealed: name of R$/);
    expect((await store.readStream('c#resident#R')).version).toBe(0);
  });

  it('answers 412 when If-Match names a version the stream is no longer at, and appends nothing', async () => {
    const service = new CommandService({ store });
    await run(service, { type: 'Add', name: 'a' });
    await run(service, { type: 'Add', name: 'b' });
    const stale = run(service, { type: 'Add', name: 'c' }, { expectedVersion: 1 });
    await expect(stale).rejects.toMatchObject({ kind: 'precondition-failed', extra: { currentVersion: 2 } });
    const fresh = await run(service, { type: 'Add', name: 'c' }, { expectedVersion: 2 });
    expect(fresh).toMatchObject({ version: 3 });
  });

  it('gives up with 409 after a bounded number of lost races', async () => {
    let appends = 0;
    const alwaysLoses: EventStore = {
      ...store,
      readStream: (id, o) => store.readStream(id, o),
      head: (id) => store.head(id),
      readLatest: (id, p) => store.readLatest(id, p),
      writeSnapshot: (s) => store.writeSnapshot(s),
      readHistory: (q) => store.readHistory(q),
      communities: () => store.communities(),
      append: async (commit) => {
        appends++;
        const { ConcurrencyConflict } = await import('../../../functions/app/ports.js');
        throw new ConcurrencyConflict(commit.streamId, commit.expectedVersion);
      },
    };
    const service = new CommandService({ store: alwaysLoses, maxAttempts: 4, sleep: async () => undefined });
    const error = await run(service, { type: 'Add', name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationError);
    expect((error as ApplicationError).kind).toBe('conflict');
    expect(appends).toBe(4);
  });

  it('loads a long stream from its latest snapshot plus the commits after it', async () => {
    const service = new CommandService({ store });
    const policy = { schema: 'counter-v1', every: 25 };
    for (let i = 0; i < 60; i++) {
      await service.execute({
        decider: counter,
        community: 'c',
        streamId: 'c#activity#S',
        command: { type: 'Add', name: `n${i}` },
        metadata,
        snapshots: policy,
      });
    }
    const { snapshot } = await store.readLatest('c#activity#S', policy);
    expect(snapshot).toMatchObject({ version: 50, state: { count: 50 } });
    let streamReads: number[] = [];
    let reads = 0;
    const spying: EventStore = {
      append: (c) => store.append(c),
      writeSnapshot: (s) => store.writeSnapshot(s),
      readHistory: (q) => store.readHistory(q),
      communities: () => store.communities(),
      readStream: (id, o) => store.readStream(id, o),
      head: (id) => store.head(id),
      readLatest: async (id, p) => {
        reads++;
        const latest = await store.readLatest(id, p);
        streamReads = latest.slice.commits.map((c) => c.firstVersion);
        return latest;
      },
    };
    const loaded = await new CommandService({ store: spying }).load(counter, 'c#activity#S', policy);
    expect(loaded.state.count).toBe(60);
    expect(loaded.version).toBe(60);
    expect(streamReads).toEqual(Array.from({ length: 10 }, (_, i) => 51 + i));
    expect(reads).toBe(1);
    // A snapshot of another shape is ignored: the whole stream is folded.
    const ignored = await new CommandService({ store: spying }).load(counter, 'c#activity#S', {
      schema: 'counter-v2',
      every: 25,
    });
    expect(ignored.state.count).toBe(60);
    expect(streamReads).toHaveLength(60);
  });
});
