import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Commit, GENESIS_HASH } from '../../../../events/index.js';
import {
  DIGEST_PARTITION_PREFIX,
  DynamoDbDigestStore,
} from '../../../../functions/adapters/dynamodb-digest-store.js';
import { DynamoDbEventStore } from '../../../../functions/adapters/dynamodb-event-store.js';
import { verifyHistory } from '../../../../functions/app/audit/audit.queries.js';
import { writeMissingDigests } from '../../../../functions/app/audit/digests.commands.js';
import { readWholeHistory } from '../../../../functions/app/audit/history.js';
import { GENESIS_LEDGER, ledgerStateOf } from '../../../../functions/app/audit/ledger-digest.js';
import { ManualClock } from '../../../support/clock.js';
import { documentClient, freshTables, startEngine, type TestEngine } from '../../../support/engines.js';

const metadata = { actor: 'tester', roles: ['admin'], correlationId: 'c-1' };

/**
 * What verification since a digest may take on trust: the empty ledger's digest, a report's mark
 * and the ledger state a daily digest kept are each checked, never believed.
 */
describe('verification since a digest trusts nothing it can check', () => {
  let engine: TestEngine;
  const clock = new ManualClock('2026-05-01T10:00:00Z');
  let store: DynamoDbEventStore;
  let digests: DynamoDbDigestStore;
  let raw: ReturnType<typeof documentClient>;
  let eventsTable: string;

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    const tables = await freshTables(engine.endpoint);
    raw = documentClient(engine.endpoint);
    eventsTable = tables.EVENTS_TABLE;
    const ids = { next: (at?: Date) => ulid(at?.getTime()) };
    store = new DynamoDbEventStore({ client: raw, tableName: eventsTable, clock, ids });
    digests = new DynamoDbDigestStore(raw, eventsTable);
  });
  afterAll(async () => engine?.close());

  const enrol = (community: string, id: string) =>
    store.append({
      community,
      streamId: `${community}#resident#${id}`,
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [
        {
          type: 'ResidentEnrolled',
          data: { residentId: id, name: `Resident ${id}`, householdId: 'H-1', partyMember: false },
        },
      ],
      metadata,
    });
  const verify = (community: string, input: { digest?: string; since?: string }) =>
    verifyHistory({ events: store, digests }, { community }, input);

  it('since the empty ledger checks every commit, as a full verification does, and an empty ledger is ok', async () => {
    expect(await verify('empty', { since: GENESIS_HASH })).toMatchObject({
      ok: true,
      checkedCommits: 0,
      since: GENESIS_LEDGER,
      ledger: GENESIS_LEDGER,
    });
    await enrol('g1', 'A');
    clock.advance(60_000);
    await enrol('g1', 'B');
    const whole = await verify('g1', {});
    expect(await verify('g1', { since: GENESIS_HASH })).toMatchObject({
      ok: true,
      checkedCommits: 2,
      since: GENESIS_LEDGER,
      ledger: whole.ledger,
    });
  });

  it('since a mark whose settled state is the empty ledger checks the commit it left out', async () => {
    const community = 'g2';
    clock.set('2026-05-01T12:00:00Z');
    await enrol(community, 'A');
    clock.advance(1);
    await enrol(community, 'B');
    const [a, b] = await readWholeHistory(store, community);
    // The first report read B while A (a millisecond older) was in flight: nothing had settled.
    const mark = {
      settled: GENESIS_LEDGER,
      ...ledgerStateOf([b!]),
      refs: [{ streamId: b!.streamId, version: b!.lastVersion }],
    };
    await digests.keepMark(community, mark);
    expect(await verify(community, { since: mark.digest })).toMatchObject({
      ok: true,
      checkedCommits: 1,
      ledger: ledgerStateOf([a!, b!]),
    });
  });

  it('holds a mark only when what it leaves out was still in flight as its last commit was recorded', async () => {
    const community = 'm1';
    clock.set('2026-05-02T10:00:00Z');
    await enrol(community, 'A0');
    clock.advance(10_000);
    await enrol(community, 'A');
    clock.advance(1);
    await enrol(community, 'B');
    clock.advance(60_000);
    await enrol(community, 'C');
    const [a0, , b, c] = await readWholeHistory(store, community);
    const markOf = (settled: Commit[], listed: Commit[]) => ({
      settled: ledgerStateOf(settled),
      ...ledgerStateOf([...settled, ...listed]),
      refs: listed.map((x) => ({ streamId: x.streamId, version: x.lastVersion })),
    });
    // A report that read B while A (a millisecond older) was in flight: its mark holds.
    const genuine = markOf([a0!], [b!]);
    // Marks no report makes: A0 left out ten seconds before B, A and B a minute before C.
    const forged = [markOf([], [b!]), markOf([a0!], [c!])];
    for (const mark of [genuine, ...forged]) await digests.keepMark(community, mark);
    expect(await verify(community, { digest: genuine.digest })).toMatchObject({ ok: true });
    expect(await verify(community, { since: genuine.digest })).toMatchObject({ ok: true, checkedCommits: 2 });
    for (const mark of forged) {
      expect((await verify(community, { digest: mark.digest })).ok).toBe(false);
      await expect(verify(community, { since: mark.digest })).rejects.toMatchObject({
        code: 'digest-not-in-ledger',
      });
    }
  });

  it('checks the ledger state a daily digest kept: a full verification finds it rewritten, since refuses it', async () => {
    const community = 'd1';
    clock.set('2026-05-03T10:00:00Z');
    await enrol(community, 'A');
    clock.set('2026-05-04T10:00:00Z');
    await enrol(community, 'B');
    clock.set('2026-05-05T00:10:00Z');
    const written = await writeMissingDigests({ events: store, digests, clock }, { community });
    expect(written).toHaveLength(2);
    clock.advance(60_000);
    await enrol(community, 'C');
    expect(await verify(community, { since: written[1]!.digest })).toMatchObject({
      ok: true,
      checkedCommits: 1,
    });
    const key = { streamId: `${DIGEST_PARTITION_PREFIX}${community}`, version: 20260504 };
    const kept = (await raw.send(new GetCommand({ TableName: eventsTable, Key: key }))).Item!;
    const forged = { ...written[1]!, ledger: { ...written[1]!.ledger!, digest: 'b'.repeat(64) } };
    await raw.send(
      new PutCommand({ TableName: eventsTable, Item: { ...kept, body: JSON.stringify(forged) } }),
    );
    const full = await verify(community, {});
    expect(full.ok).toBe(false);
    expect(full.failures).toEqual([
      expect.objectContaining({ streamId: 'digest 2026-05-04', reason: 'ledger mismatch' }),
    ]);
    for (const since of ['b'.repeat(64), written[1]!.digest])
      await expect(verify(community, { since })).rejects.toMatchObject({ code: 'digest-not-in-ledger' });
    // Since the day before (its kept state holds): the rewritten one after it is found among what is read.
    expect(await verify(community, { since: written[0]!.ledger!.digest })).toMatchObject({
      ok: false,
      checkedCommits: 2,
      ledger: full.ledger,
      failures: [expect.objectContaining({ streamId: 'digest 2026-05-04', reason: 'ledger mismatch' })],
    });
  });
});
