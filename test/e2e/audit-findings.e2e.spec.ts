import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Commit, canonicalJson } from '../../events/index.js';
import { bucketOf, commitFromItem } from '../../functions/adapters/commit-item.js';
import { commitHash } from '../../functions/app/audit/hashing.js';
import { startApi, type TestApi } from '../support/api.js';
import { documentClient } from '../support/engines.js';

type Verification = {
  ok: boolean;
  failures: { streamId: string; version: number; reason: string; detail: string }[];
};

/**
 * A commit stored in the first format (the whole canonical body, which the store still reads): the
 * one shape in which a forger can place a commit's text under another key, as an inserted copy does.
 */
function firstFormatItem(commit: Commit, key: { version: number; commitId: string }) {
  const { prevHash, hash, ...body } = commit;
  return {
    streamId: body.streamId,
    version: key.version,
    lastVersion: body.lastVersion,
    kind: 'commit',
    commitId: key.commitId,
    bucket: bucketOf(body.community, new Date(body.recordedAt)),
    community: body.community,
    recordedAt: body.recordedAt,
    body: canonicalJson(body),
    prevHash,
    hash,
  };
}

/** GET /audit/verify on a tampered table: one break in the store is one finding in the answer. */
describe('GET /audit/verify: one finding per break in the stored history', () => {
  let api: TestApi;
  let auditor: string;
  let activityStream: string;
  const db = () => documentClient(api.runtime.endpoint);
  const item = async (version: number) =>
    (await db().send(new GetCommand({ TableName: 'Events', Key: { streamId: activityStream, version } })))
      .Item!;
  const storeItem = (stored: Record<string, unknown>) =>
    db().send(new PutCommand({ TableName: 'Events', Item: stored }));
  const remove = (version: number) =>
    db().send(new DeleteCommand({ TableName: 'Events', Key: { streamId: activityStream, version } }));
  const verify = async () => (await api.call<Verification>('GET', '/audit/verify', { token: auditor })).body;

  beforeAll(async () => {
    api = await startApi();
    const admin = await api.token('admin');
    auditor = await api.token('auditor');
    const plan = await api.call<{ id: string }>('POST', '/plans', {
      token: admin,
      body: { communityName: 'V', year: 2026, title: 'P' },
    });
    const activity = await api.call<{ id: string; streamId: string }>('POST', '/activities', {
      token: admin,
      body: {
        planId: plan.body.id,
        category: 'festival',
        format: 'other',
        title: 'Lantern riddles',
        window: { start: '2026-03-01', end: '2026-03-05' },
      },
    });
    activityStream = activity.body.streamId;
    // Versions 2..6: five check-ins, so the break at version 3 has three commits after it.
    for (let i = 0; i < 5; i++) {
      const resident = await api.call<{ id: string }>('POST', '/residents', {
        token: admin,
        body: { name: `R${i}`, householdId: 'H' },
      });
      await api.call('POST', `/activities/${activity.body.id}/attendance`, {
        token: admin,
        body: {
          residentId: resident.body.id,
          method: 'organizer',
          at: '2026-03-02',
          correction: { reason: 'entered from the paper sheet' },
        },
      });
    }
    expect(await verify()).toMatchObject({ ok: true, failures: [] });
  });
  afterAll(async () => api?.close());

  it('a deleted commit is one gap, read low..high, and nothing after it is blamed', async () => {
    const [third, fourth] = [await item(3), await item(4)];
    await remove(3);
    try {
      expect((await verify()).failures).toEqual([
        {
          streamId: activityStream,
          version: 3,
          reason: 'gap',
          detail: 'version 3 is missing (version 4 follows it)',
        },
      ]);
      await remove(4);
      expect((await verify()).failures).toEqual([
        expect.objectContaining({
          version: 3,
          reason: 'gap',
          detail: 'versions 3..4 are missing (version 5 follows them)',
        }),
      ]);
    } finally {
      await storeItem(third);
      await storeItem(fourth);
    }
    expect(await verify()).toMatchObject({ ok: true, failures: [] });
  });

  it('an edited commit is one hash mismatch', async () => {
    const third = await item(3);
    // The stored facts (events and metadata) of a compact commit, edited in place.
    const facts = String(third.facts).replace('"method":"organizer"', '"method":"kiosk"');
    expect(facts).not.toBe(third.facts);
    await storeItem({ ...third, facts });
    try {
      expect((await verify()).failures).toEqual([
        {
          streamId: activityStream,
          version: 3,
          reason: 'hash mismatch',
          detail: 'its content does not match its hash',
        },
      ]);
    } finally {
      await storeItem(third);
    }
  });

  it('an inserted copy, or a forged commit read before the one it displaces, is one finding', async () => {
    const third = await item(3);
    const fourth = await item(4);
    // Stored between versions 3 and 4, read between them in global order (its id sorts there).
    const between = firstFormatItem(commitFromItem(third), { version: 3.5, commitId: `${third.commitId}Z` });
    await storeItem(between);
    try {
      expect((await verify()).failures).toEqual([
        {
          streamId: activityStream,
          version: 3,
          reason: 'unexpected commit',
          detail: 'a copy of version 3 appears again',
        },
      ]);
      const { prevHash: _p, hash: _h, ...genuineBody } = commitFromItem(fourth);
      const forgedBody = {
        ...genuineBody,
        commitId: between.commitId,
        events: [
          { ...genuineBody.events[0]!, data: { ...genuineBody.events[0]!.data, method: 'organizer' } },
        ],
      };
      const forged = {
        ...forgedBody,
        prevHash: String(third.hash),
        hash: commitHash(String(third.hash), canonicalJson(forgedBody)),
      };
      await storeItem(firstFormatItem(forged, { version: 3.5, commitId: between.commitId }));
      const failures = (await verify()).failures;
      expect(failures).toEqual([
        expect.objectContaining({ streamId: activityStream, version: 4, reason: 'unexpected commit' }),
      ]);
      expect(failures[0]!.detail).toContain(between.commitId);
    } finally {
      await remove(3.5);
    }
    expect(await verify()).toMatchObject({ ok: true, failures: [] });
  });
});
