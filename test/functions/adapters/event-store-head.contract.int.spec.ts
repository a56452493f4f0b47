import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../events/index.js';
import { InMemoryEventStore } from '../../../functions/adapters/memory-event-store.js';
import type { EventStore } from '../../../functions/app/ports.js';
import { ulidIds } from '../../../functions/composition/core.js';
import { ManualClock } from '../../support/clock.js';
import {
  type EngineKind,
  engineKinds,
  freshEventStore,
  startEngine,
  type TestEngine,
} from '../../support/engines.js';

/**
 * Where a stream ends, which a read from a version past the end cannot say: a query waiting for a
 * caller's write whose commit failed falls back to it (issue 24: a failed two-event command's note
 * names a version two past the end).
 */
type Implementation = EngineKind | 'in-memory';
const implementations: Implementation[] = [...engineKinds(), 'in-memory'];

const metadata = { actor: 'tester', roles: ['admin'], correlationId: 'c-1' };
const enrolled = (residentId: string, name: string) => ({
  type: 'ResidentEnrolled',
  data: { residentId, name, householdId: 'H-7', partyMember: false },
});

describe.each(implementations)('a stream’s head on %s', (kind) => {
  let engine: TestEngine | undefined;
  let store: EventStore;

  beforeAll(async () => {
    if (kind !== 'in-memory') engine = await startEngine(kind);
  }, 60_000);
  afterAll(async () => engine?.close());

  beforeEach(async () => {
    const clock = new ManualClock('2026-03-31T15:30:00.000Z');
    store = engine
      ? (await freshEventStore(engine.endpoint, clock)).store
      : new InMemoryEventStore({ clock, ids: ulidIds() });
  });

  it('is the last version of the newest commit, 0 for no stream, and a snapshot above it does not move it', async () => {
    const streamId = 'c1#resident#H';
    expect(await store.head(streamId)).toBe(0);
    const first = await store.append({
      community: 'c1',
      streamId,
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [enrolled('H', 'a')],
      metadata,
    });
    expect(await store.head(streamId)).toBe(1);
    // A commit of two events ends two versions on, and no read from past it says so.
    await store.append({
      community: 'c1',
      streamId,
      expectedVersion: 1,
      prevHash: first.hash,
      events: [enrolled('H', 'b'), enrolled('H', 'c')],
      metadata,
    });
    expect(await store.head(streamId)).toBe(3);
    expect((await store.readStream(streamId, { fromVersion: 5 })).version).toBe(4);
    await store.writeSnapshot({ streamId, version: 3, hash: 'h3', schema: 's1', state: { n: 3 } });
    expect(await store.head(streamId)).toBe(3);
    expect(await store.head('c1#resident#other')).toBe(0);
  });
});
