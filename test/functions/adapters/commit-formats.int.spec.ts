import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Commit, type CommitBody, canonicalJson, GENESIS_HASH } from '../../../events/index.js';
import { bucketOf, commitFromItem, sealCommit } from '../../../functions/adapters/commit-item.js';
import type { DynamoDbEventStore } from '../../../functions/adapters/dynamodb-event-store.js';
import { commitHash } from '../../../functions/app/audit/hashing.js';
import { commitBody } from '../../../functions/app/audit/verification.js';
import { ChainVerifier } from '../../../functions/app/audit/verify.js';
import { ulidIds } from '../../../functions/composition/core.js';
import { streamRecordOf } from '../../../functions/streams/commit-stream.js';
import { ManualClock } from '../../support/clock.js';
import {
  documentClient,
  engineKinds,
  freshEventStore,
  startEngine,
  type TestEngine,
} from '../../support/engines.js';

const metadata = { actor: 'tester', roles: ['admin'], correlationId: 'c-1', idempotencyKey: 'key-1' };
const attended = (residentId: string) => ({
  type: 'ResidentAttended',
  data: { residentId, method: 'qr', at: '2026-04-24T02:00:00.000Z' },
});

/**
 * The item the first release wrote for a commit, copied here unchanged (frozen: it must not follow the
 * code): the whole canonical body, beside copies of its keys. Tables written then still hold them.
 */
function firstReleaseItem(body: CommitBody, json: string, prevHash: string, hash: string) {
  return {
    streamId: body.streamId,
    version: body.firstVersion,
    lastVersion: body.lastVersion,
    kind: 'commit',
    commitId: body.commitId,
    bucket: bucketOf(body.community, new Date(body.recordedAt)),
    community: body.community,
    recordedAt: body.recordedAt,
    body: json,
    prevHash,
    hash,
  };
}

/** Every guarantee a reader relies on, checked on a commit as read back. */
function expectSealed(read: Commit) {
  expect(commitHash(read.prevHash, canonicalJson(commitBody(read)))).toBe(read.hash);
}

describe.each(engineKinds())('stored commits on %s', (kind) => {
  let engine: TestEngine;
  let store: DynamoDbEventStore;
  let clock: ManualClock;
  let tableName: string;
  const stored = async (streamId: string, version: number) =>
    (
      await documentClient(engine.endpoint).send(
        new GetCommand({ TableName: tableName, Key: { streamId, version }, ConsistentRead: true }),
      )
    ).Item!;

  beforeAll(async () => {
    engine = await startEngine(kind);
  }, 60_000);
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    clock = new ManualClock('2026-04-25T02:00:00.000Z');
    const fresh = await freshEventStore(engine.endpoint, clock);
    store = fresh.store;
    tableName = fresh.tables.EVENTS_TABLE;
  });

  it('stores each fact of a commit once and reads back, key for key and in order, what append sealed', async () => {
    const first = await store.append({
      community: 'c1',
      streamId: 'c1#activity#A',
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [attended('R1'), attended('R2')],
      metadata,
    });
    const item = await stored('c1#activity#A', 1);
    expect(Object.keys(item).sort()).toEqual(
      ['bucket', 'commitId', 'facts', 'hash', 'kind', 'prevHash', 'streamId', 'version'].sort(),
    );
    // Nothing but the events' own facts, the metadata and the ids in `facts`: no copies of the keys.
    expect(String(item.facts)).not.toContain('c1#activity#A');
    expect(String(item.facts)).not.toContain(first.commitId);
    expect(String(item.facts)).not.toContain(first.recordedAt);
    const read = (await store.readStream('c1#activity#A')).commits[0]!;
    // Same keys in the same order: an NDJSON export line is byte for byte what the first format gave.
    const { prevHash, hash, ...body } = first;
    const asFirstFormat = commitFromItem(firstReleaseItem(body, canonicalJson(body), prevHash, hash));
    expect(JSON.stringify(read)).toBe(JSON.stringify(asFirstFormat));
    expect(read).toEqual(first);
    expect((await store.readHistory({ community: 'c1' })).commits).toEqual([first]);
    expect((await store.readLatest('c1#activity#A', { schema: 's', every: 50 })).slice.commits).toEqual([
      first,
    ]);
    expectSealed(read);
  });

  it('keeps what the commit id and the stream id do not say: a clock that went back, another community', async () => {
    const ahead = await store.append({
      community: 'c1',
      streamId: 'c1#activity#B',
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [attended('R1')],
      metadata,
    });
    clock.set('2026-04-25T01:59:59.000Z'); // ids stay monotonic, so this commit id names a later instant
    const behind = await store.append({
      community: 'c1',
      streamId: 'c1#activity#B',
      expectedVersion: 1,
      prevHash: ahead.hash,
      events: [attended('R2')],
      metadata,
    });
    const foreign = await store.append({
      community: 'c2',
      streamId: 'shared#activity#B',
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [attended('R3')],
      metadata,
    });
    expect(behind.recordedAt).toBe('2026-04-25T01:59:59.000Z');
    expect((await store.readStream('c1#activity#B')).commits).toEqual([ahead, behind]);
    expect((await store.readStream('shared#activity#B')).commits).toEqual([foreign]);
    expect((await store.readHistory({ community: 'c2' })).commits).toEqual([foreign]);
  });

  it('reads and verifies commits stored in the first format, with compact ones appended after them', async () => {
    const ids = ulidIds();
    const streamId = 'c1#activity#OLD';
    let head = { version: 0, hash: GENESIS_HASH };
    const old: Commit[] = [];
    for (const [i, at] of ['2026-04-01T08:00:00.000Z', '2026-04-02T08:00:00.000Z'].entries()) {
      const request = {
        community: 'c1',
        streamId,
        expectedVersion: head.version,
        prevHash: head.hash,
        events: [attended(`OLD${i}`)],
        metadata: { ...metadata, idempotencyKey: `old-${i}` },
      };
      const { body, json, hash } = sealCommit(request, new Date(at), ids);
      await documentClient(engine.endpoint).send(
        new PutCommand({ TableName: tableName, Item: firstReleaseItem(body, json, head.hash, hash) }),
      );
      old.push({ ...body, prevHash: head.hash, hash });
      head = { version: body.lastVersion, hash };
    }
    const compact = await store.append({
      community: 'c1',
      streamId,
      expectedVersion: head.version,
      prevHash: head.hash,
      events: [attended('NEW')],
      metadata,
    });
    expect((await stored(streamId, 1)).body).toBeTypeOf('string');
    expect((await stored(streamId, 3)).facts).toBeTypeOf('string');
    const slice = await store.readStream(streamId);
    expect(slice.commits).toEqual([...old, compact]);
    expect(slice.headHash).toBe(compact.hash);
    // The idempotency lookup finds a key recorded by the first format, as a retry after an upgrade does.
    expect(slice.commits.find((c) => c.metadata.idempotencyKey === 'old-1')?.firstVersion).toBe(2);
    expect((await store.readLatest(streamId, { schema: 's', every: 50 })).slice.commits).toEqual(
      slice.commits,
    );
    const verifier = new ChainVerifier();
    let after: string | undefined;
    do {
      const page = await store.readHistory({ community: 'c1', after, limit: 2 });
      for (const commit of page.commits) verifier.add(commit);
      after = page.nextAfter;
    } while (after);
    expect(verifier.finish()).toMatchObject({ ok: true, checkedCommits: 3, failures: [] });
  });

  it('a stream record carries the stored item, and the consumers rebuild the same commit from it', async () => {
    const commit = await store.append({
      community: 'c1',
      streamId: 'c1#activity#D',
      expectedVersion: 0,
      prevHash: GENESIS_HASH,
      events: [attended('R1')],
      metadata,
    });
    const image = streamRecordOf(commit).dynamodb!.NewImage as Record<string, AttributeValue>;
    expect(unmarshall(image)).toEqual(await stored('c1#activity#D', 1));
    expect(commitFromItem(unmarshall(image))).toEqual(commit);
    // Well under the first format's size: what makes a replay's pages fewer.
    const size = (item: Record<string, unknown>) => JSON.stringify(marshall(item)).length;
    const { prevHash, hash, ...body } = commit;
    expect(size(unmarshall(image))).toBeLessThan(
      0.75 * size(firstReleaseItem(body, canonicalJson(body), prevHash, hash)),
    );
  });
});
