import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commit } from '../../../../events/index.js';
import { DynamoDbDigestStore } from '../../../../functions/adapters/dynamodb-digest-store.js';
import { DynamoDbEventStore } from '../../../../functions/adapters/dynamodb-event-store.js';
import { verifyHistory } from '../../../../functions/app/audit/audit.queries.js';
import { writeMissingDigests } from '../../../../functions/app/audit/digests.commands.js';
import { readWholeHistory } from '../../../../functions/app/audit/history.js';
import { LedgerTrail, ledgerStateOf } from '../../../../functions/app/audit/ledger-digest.js';
import { readLedgerAsOf, SETTLE_MS } from '../../../../functions/app/audit/ledger-state.js';
import type { EventStore } from '../../../../functions/app/ports.js';
import { ManualClock } from '../../../support/clock.js';
import { documentClient, freshTables, startEngine, type TestEngine } from '../../../support/engines.js';

const community = 'c1';
const metadata = { actor: 'tester', roles: ['admin'], correlationId: 'c-1' };

/**
 * The ledger a report names, kept by the daily digests and read from the last one on, and
 * verification since a digest: on the embedded engine, every commit a history page hands out counted.
 */
describe('the ledger state a report names, and verification since a digest', () => {
  let engine: TestEngine;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  let store: DynamoDbEventStore;
  let digests: DynamoDbDigestStore;
  let read = 0;
  let counted: EventStore;
  /** Holds the next PutItem back until opened, as a writer that took its commit id and then stalled. */
  let gate: Promise<void> | undefined;

  let raw: ReturnType<typeof documentClient>;
  let eventsTable: string;

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    const tables = await freshTables(engine.endpoint);
    const client = documentClient(engine.endpoint);
    raw = client;
    eventsTable = tables.EVENTS_TABLE;
    const stalling = Object.create(client) as typeof client;
    stalling.send = (async (command: { constructor: { name: string } }) => {
      const held = command.constructor.name === 'PutCommand' ? gate : undefined;
      if (held) {
        gate = undefined;
        await held;
      }
      return client.send(command as never);
    }) as never;
    // Plain ULIDs: each commit's id is the clock's instant when it is sealed.
    const ids = { next: (at?: Date) => ulid(at?.getTime()) };
    store = new DynamoDbEventStore({ client: stalling, tableName: tables.EVENTS_TABLE, clock, ids });
    digests = new DynamoDbDigestStore(client, tables.EVENTS_TABLE);
    counted = Object.create(store) as EventStore;
    counted.readHistory = async (query) => {
      const page = await store.readHistory(query);
      read += page.commits.length;
      return page;
    };
  });
  afterAll(async () => engine?.close());

  const enrol = (id: string) =>
    store.append({
      community,
      streamId: `${community}#resident#${id}`,
      expectedVersion: 0,
      prevHash: '0'.repeat(64),
      events: [
        {
          type: 'ResidentEnrolled',
          data: { residentId: id, name: `Resident ${id}`, householdId: 'H-1', partyMember: false },
        },
      ],
      metadata,
    });
  const verify = (input: { digest?: string; since?: string }) =>
    verifyHistory({ events: counted, digests }, { community }, input);
  /** As a report reads its ledger state, and keeps its mark once it answers. */
  const reportLedger = async () => {
    const { ledger, mark } = await readLedgerAsOf({ events: counted, digests }, community, clock.now());
    if (mark) await digests.keepMark(community, mark);
    return ledger;
  };

  /** What the running digest passes through over the whole history as it is now. */
  const passesThrough = async (digest: string) => {
    const trail = new LedgerTrail(digest);
    for (const commit of await readWholeHistory(store, community)) trail.add(commit);
    return trail.found !== undefined;
  };

  it('names every commit it read, and still verifies after an earlier-id commit became visible after them', async () => {
    await enrol('A0');
    clock.set('2026-03-01T10:00:10Z');
    // A takes its id now and its write stalls; B, sequenced after it, is visible first.
    let open!: () => void;
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const stalled = enrol('A');
    await new Promise((resolve) => setTimeout(resolve, 20));
    clock.advance(1);
    const b = await enrol('B');
    clock.advance(SETTLE_MS / 2);
    // The report, A still in flight: it names what it read (A0 and B), the cut its figures come from.
    const named = await reportLedger();
    expect(named).toEqual(ledgerStateOf(await readWholeHistory(store, community)));
    expect(named).toMatchObject({ commits: 2, through: b.recordedAt });
    open();
    await stalled;
    // In commit-id order the ledger is A0, A, B: it never passes through the report's digest…
    expect(await passesThrough(named.digest)).toBe(false);
    // …and the report's mark finds it again: the full verification and one since it.
    expect(await verify({ digest: named.digest })).toMatchObject({ ok: true, digestNames: named });
    read = 0;
    expect(await verify({ since: named.digest })).toMatchObject({
      ok: true,
      checkedCommits: 1,
      since: named,
      ledger: ledgerStateOf(await readWholeHistory(store, community)),
    });
    // Checked: A, the one commit B's digest lacked; read: its day up to the mark's settled state, and on.
    expect(read).toBe(3);
    clock.advance(60_000);
    await enrol('C');
    read = 0;
    expect(await verify({ since: named.digest })).toMatchObject({
      ok: true,
      checkedCommits: 2,
      since: named,
    });
    expect(read).toBe(4);
    expect(await verify({ digest: named.digest })).toMatchObject({ ok: true, digestNames: named });
  });

  it('never trusts a mark: one listing a commit the ledger lacks, or its commits out of order, names nothing', async () => {
    const history = await readWholeHistory(store, community);
    const [a0, a, b, c] = history;
    const settled = ledgerStateOf([a0!]);
    const chained = (commits: Commit[]) => ({
      settled,
      ...ledgerStateOf([a0!, ...commits]),
      refs: commits.map((x) => ({ streamId: x.streamId, version: x.lastVersion })),
    });
    // B and C chained as a report never reads them (C's id is later), digest and all made to agree.
    const reordered = chained([c!, b!]);
    // A commit that is not in the ledger, chained as if it were.
    const invented = chained([{ ...a!, streamId: `${community}#resident#Z`, hash: 'a'.repeat(64) }]);
    for (const forged of [reordered, invented]) {
      await digests.keepMark(community, forged);
      expect((await verify({ digest: forged.digest })).ok).toBe(false);
      await expect(verify({ since: forged.digest })).rejects.toMatchObject({ code: 'digest-not-in-ledger' });
    }
    // The genuine mark of a report's digest rewritten to list another commit: refused as well.
    const genuine = ledgerStateOf([a0!, b!]);
    const key = { streamId: `$ledger-mark#${community}#${genuine.digest}`, version: 0 };
    const kept = (await raw.send(new GetCommand({ TableName: eventsTable, Key: key }))).Item!;
    await raw.send(
      new PutCommand({
        TableName: eventsTable,
        Item: {
          ...kept,
          body: JSON.stringify({
            ...chained([b!]),
            ...genuine,
            refs: [{ streamId: c!.streamId, version: 1 }],
          }),
        },
      }),
    );
    try {
      expect((await verify({ digest: genuine.digest })).ok).toBe(false);
      await expect(verify({ since: genuine.digest })).rejects.toMatchObject({ code: 'digest-not-in-ledger' });
    } finally {
      await raw.send(new PutCommand({ TableName: eventsTable, Item: kept }));
    }
    expect((await verify({ digest: genuine.digest })).ok).toBe(true);
  });

  it('reads a report from the last daily digest on, and verifies only the commits added after a digest', async () => {
    clock.set('2026-03-02T09:00:00Z');
    await enrol('D');
    await enrol('E');
    clock.set('2026-03-03T00:10:00Z');
    const written = await writeMissingDigests({ events: counted, digests, clock }, { community });
    expect(written.map((d) => [d.day, d.ledger?.commits])).toEqual([
      ['2026-03-01', 4],
      ['2026-03-02', 6],
    ]);
    clock.set('2026-03-03T08:00:00Z');
    await enrol('F');
    clock.advance(1000);
    // A report's state inside a day (F recorded a second ago: it keeps a mark, the chain passes through it anyway).
    const midDay = await reportLedger();
    expect(midDay.commits).toBe(7);
    await enrol('G');
    clock.advance(60_000);
    await enrol('H');
    clock.advance(SETTLE_MS);
    // A report reads the history after the last digest only (one page: every commit after that day).
    read = 0;
    const report = await reportLedger();
    expect(report.commits).toBe(9);
    expect(read).toBe(3);
    expect(report).toEqual(ledgerStateOf(await readWholeHistory(store, community)));

    // Since the last day's digest: the 3 commits after it are checked; read, its own day's 2 too (the
    // ledger state it kept is outside its hash, so it is re-chained from the digest before it), nothing before.
    read = 0;
    const sinceDay = await verify({ since: written[1]!.digest });
    expect(sinceDay).toMatchObject({
      ok: true,
      checkedCommits: 3,
      since: written[1]!.ledger,
      ledger: report,
    });
    expect(read).toBe(5);
    // Since the first day's kept ledger state: day two's digest is checked against its commits too.
    read = 0;
    expect(await verify({ since: written[0]!.ledger!.digest })).toMatchObject({
      ok: true,
      checkedCommits: 5,
    });
    // Its own day's 4 commits are read too, from the empty ledger on: it is the first digest.
    expect(read).toBe(9);
    // Since a report's state inside a day: what follows it, found by reading on from that day's start
    // (its mark's settled state is the last digest's: that digest's day is read to check it).
    read = 0;
    expect(await verify({ since: midDay.digest })).toMatchObject({
      ok: true,
      checkedCommits: 2,
      since: midDay,
    });
    expect(read).toBe(5);
    // A digest the ledger never passed through: refused, nothing to go on from.
    await expect(verify({ since: 'f'.repeat(64) })).rejects.toMatchObject({
      kind: 'not-found',
      code: 'digest-not-in-ledger',
    });
    // The full verification is still there: every commit, and the day digests.
    expect(await verify({})).toMatchObject({ ok: true, checkedCommits: 9, ledger: report });
  });
});
