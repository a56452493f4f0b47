import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Decider } from '../../../domain/shared/decider.js';
import type { DomainEvent } from '../../../events/index.js';
import { createDocumentClient } from '../../../functions/adapters/dynamodb-client.js';
import type { DynamoDbEventStore } from '../../../functions/adapters/dynamodb-event-store.js';
import { DynamoDbSessionWrites } from '../../../functions/adapters/dynamodb-session-writes.js';
import { DynamoDbViewStore } from '../../../functions/adapters/dynamodb-view-store.js';
import { CommandService } from '../../../functions/app/command-handler.js';
import { type AppliedCommit, SESSION_WINDOW_MS } from '../../../functions/app/session-writes.js';
import type { HttpMiddleware } from '../../../functions/http/middleware/context.js';
import { sessionConsistency } from '../../../functions/http/middleware/session-consistency.js';
import { ManualClock } from '../../support/clock.js';
import { freshEventStore, startEngine, type TestEngine } from '../../support/engines.js';

/**
 * Read-your-writes keeps every write a caller made within the session window, whichever streams
 * would share a hash slot (as the session item's 32 slots once made them lose each other), however
 * many they are, and whatever the projector notes applied (issue 24).
 */
const slotOf = (streamId: string) => createHash('sha256').update(streamId).digest().readUInt32BE(0) % 32;
/** Activity streams whose ids share a slot with the first one. */
function sharingASlot(count: number): string[] {
  const first = 'c#activity#A0';
  const found = [first];
  for (let i = 1; found.length < count; i++)
    if (slotOf(`c#activity#A${i}`) === slotOf(first)) found.push(`c#activity#A${i}`);
  return found;
}
const caller = { community: 'c', sub: 'organizer-1' };
const byStream = (a: { streamId: string }, b: { streamId: string }) => a.streamId.localeCompare(b.streamId);
const applied = (streamId: string, lastVersion: number, at: Date): AppliedCommit => ({
  community: 'c',
  streamId,
  lastVersion,
  recordedAt: at.toISOString(),
  metadata: { actor: caller.sub },
});
const enrolling: Decider<{ type: 'Enrol' }, null, DomainEvent> = {
  initialState: null,
  decide: () => [
    {
      type: 'ResidentEnrolled',
      data: { residentId: 'R', name: 'enc:v1:x', householdId: 'H', partyMember: false },
    },
  ],
  evolve: (state) => state,
};
type Request = Parameters<NonNullable<HttpMiddleware['before']>>[0];

describe('a caller session in DynamoDB (dynalite)', () => {
  let engine: TestEngine;
  let sessions: DynamoDbSessionWrites;
  let store: DynamoDbEventStore;
  let views: DynamoDbViewStore;
  const clock = new ManualClock('2026-05-01T00:00:00Z');

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    clock.set('2026-05-01T00:00:00Z');
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

  it('keeps two streams that share a slot, written one after the other', async () => {
    const [a, b] = sharingASlot(2) as [string, string];
    await sessions.record(caller, { streamId: a, version: 3 });
    await sessions.record(caller, { streamId: b, version: 1 });
    expect((await sessions.recent(caller, SESSION_WINDOW_MS)).sort(byStream)).toEqual(
      [
        { streamId: a, version: 3 },
        { streamId: b, version: 1 },
      ].sort(byStream),
    );
  });

  it('keeps every one of more streams than there are slots, noted in parallel, several sharing a slot', async () => {
    const streams = [...sharingASlot(4), ...Array.from({ length: 36 }, (_, i) => `c#plan#P${i}`)];
    await Promise.all(streams.map((streamId) => sessions.record(caller, { streamId, version: 2 })));
    const recent = await sessions.recent(caller, SESSION_WINDOW_MS);
    expect(recent.map((p) => p.streamId).sort()).toEqual([...streams].sort());
  });

  it('never moves a stream back to an earlier version noted after a later one', async () => {
    await sessions.record(caller, { streamId: 'c#activity#A0', version: 5 });
    await sessions.record(caller, { streamId: 'c#activity#A0', version: 4 });
    expect(await sessions.recent(caller, SESSION_WINDOW_MS)).toEqual([
      { streamId: 'c#activity#A0', version: 5 },
    ]);
  });

  it('an applied note clears only its own stream, at or past the version the session names', async () => {
    const [a, b] = sharingASlot(2) as [string, string];
    await sessions.record(caller, { streamId: a, version: 3 });
    await sessions.record(caller, { streamId: b, version: 2 });
    await sessions.applied([applied(b, 2, clock.now())]);
    expect(await sessions.recent(caller, SESSION_WINDOW_MS)).toEqual([{ streamId: a, version: 3 }]);
    // An earlier version of a, noted after b's in the slot they share: a is still waited for at 3
    // (and b, its note displaced, is waited for through its marker: slower, never wrong).
    await sessions.applied([applied(a, 2, clock.now())]);
    expect(await sessions.recent(caller, SESSION_WINDOW_MS)).toContainEqual({ streamId: a, version: 3 });
    await sessions.applied([applied(a, 3, clock.now())]);
    expect(await sessions.recent(caller, SESSION_WINDOW_MS)).not.toContainEqual(
      expect.objectContaining({ streamId: a }),
    );
  });

  it('takes the place of a write only once it is older than the window', async () => {
    const [a, b] = sharingASlot(2) as [string, string];
    await sessions.record(caller, { streamId: a, version: 1 });
    clock.advance(SESSION_WINDOW_MS + 1);
    await sessions.record(caller, { streamId: b, version: 1 });
    expect(await sessions.recent(caller, SESSION_WINDOW_MS)).toEqual([{ streamId: b, version: 1 }]);
  });

  it('a later note whose commit failed still leaves the earlier landed write waited for', async () => {
    const streamId = 'c#activity#A0';
    await new CommandService({ store }).execute({
      decider: enrolling,
      community: 'c',
      streamId,
      command: { type: 'Enrol' },
      metadata: { actor: caller.sub, roles: [], correlationId: 'c' },
    });
    await sessions.record(caller, { streamId, version: 1 });
    // The next command's note went out beside a commit that then failed: version 2 never exists.
    await sessions.record(caller, { streamId, version: 2 });
    const middleware = sessionConsistency(sessions, views, store, {
      waitMs: 200,
      backoff: { firstMs: 10, maxMs: 20 },
    });
    const request = {
      event: {},
      context: { ledger: { correlationId: 'q', match: { route: { kind: 'query' } }, principal: caller } },
    } as unknown as Request;
    const outcome = await Promise.resolve(middleware.before!(request)).then(
      () => 'answered',
      (e: { code?: string }) => e.code,
    );
    // Version 1 landed and nothing projected it: the query is held, not answered without it.
    expect(outcome).toBe('views-behind');
  });
});
