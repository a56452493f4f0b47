import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Commit, canonicalJson } from '../../events/index.js';
import { commitFromItem, itemOfCommit } from '../../functions/adapters/commit-item.js';
import { commitHash } from '../../functions/app/audit/hashing.js';
import { verifyExport } from '../../functions/audit/ndjson.js';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';
import { documentClient } from '../support/engines.js';

type Verification = {
  ok: boolean;
  checkedEvents: number;
  headsDigest: string;
  failures: { streamId: string; version: number; reason: string }[];
};

describe('auditors: history, chains, exports and tamper evidence', () => {
  let api: TestApi;
  let admin: string;
  let auditor: string;
  let activityStream: string;
  const dir = mkdtempSync(join(tmpdir(), 'ccl-audit-'));

  const verify = async (digest?: string) =>
    (
      await api.call<Verification>('GET', `/audit/verify${digest ? `?digest=${digest}` : ''}`, {
        token: auditor,
      })
    ).body;
  const exportHistory = async (file: string) => {
    const answer = await api.call('GET', '/audit/events', {
      token: auditor,
      headers: { accept: 'application/x-ndjson' },
    });
    expect(answer.headers.get('content-type')).toBe('application/x-ndjson');
    writeFileSync(file, answer.text);
    return answer.text;
  };

  beforeAll(async () => {
    api = await startApi();
    admin = await api.token('admin');
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
    for (let i = 0; i < 4; i++) {
      const r = await api.call<{ id: string }>('POST', '/residents', {
        token: admin,
        body: { name: `R${i}`, householdId: 'H' },
      });
      await api.call('POST', `/activities/${activity.body.id}/attendance`, {
        token: admin,
        body: {
          residentId: r.body.id,
          method: 'organizer',
          at: '2026-03-02',
          correction: { reason: 'entered from the paper sheet' },
        },
      });
    }
    await api.call('POST', '/residents', {
      token: await api.token('admin', { community: 'elsewhere' }),
      body: { name: 'Other', householdId: 'X' },
    });
  });
  afterAll(async () => api?.close());

  it('lets only auditors and admins read the history, in global order, paged', async () => {
    expect((await api.call('GET', '/audit/events', { token: await api.token('organizer') })).status).toBe(
      403,
    );
    const first = await api.call<{
      items: { commitId: string; community: string; hash: string }[];
      nextCursor: string;
    }>('GET', '/audit/events?limit=3', { token: auditor });
    expect(first.body.items).toHaveLength(3);
    const rest = await api.call<{ items: { commitId: string; community: string }[] }>(
      'GET',
      `/audit/events?limit=100&after=${first.body.nextCursor}`,
      { token: auditor },
    );
    const ids = [...first.body.items, ...rest.body.items].map((c) => c.commitId);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(1 + 1 + 8);
    expect(new Set([...first.body.items, ...rest.body.items].map((c) => c.community))).toEqual(
      new Set(['demo']),
    );
    const stream = await api.call<{
      version: number;
      commits: { firstVersion: number; prevHash: string; hash: string }[];
    }>('GET', `/audit/streams/${encodeURIComponent(activityStream)}`, { token: auditor });
    expect(stream.body.version).toBe(5);
    expect(stream.body.commits[1]!.prevHash).toBe(stream.body.commits[0]!.hash);
    expect(
      (
        await api.call(
          'GET',
          `/audit/streams/${encodeURIComponent(activityStream.replace('demo#', 'elsewhere#'))}`,
          { token: auditor },
        )
      ).status,
    ).toBe(404);
  });

  it('refuses a malformed consistentWith on a query without parameters of its own with a 400 the document declares', async () => {
    // Every query takes `consistentWith`; the document said so but declared no 400 for the queries
    // that have no parameters of their own (GET /audit/digests). The contract check fails on that.
    const refused = await api.call<{ code: string }>('GET', '/audit/digests?consistentWith=garbage', {
      token: auditor,
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('exports NDJSON whole, or up to the limit asked for, from after a cursor', async () => {
    const all = (
      await api.call('GET', '/audit/events', { token: auditor, headers: { accept: 'application/x-ndjson' } })
    ).text
      .trim()
      .split('\n');
    expect(all.length).toBeGreaterThan(3);
    const two = await api.call('GET', '/audit/events?limit=2', {
      token: auditor,
      headers: { accept: 'application/x-ndjson' },
    });
    expect(two.text.trim().split('\n')).toEqual(all.slice(0, 2));
    const after = JSON.parse(all[0]!).commitId as string;
    const next = await api.call('GET', `/audit/events?limit=2&after=${after}`, {
      token: auditor,
      headers: { accept: 'application/x-ndjson' },
    });
    expect(next.text.trim().split('\n')).toEqual(all.slice(1, 3));
  });

  it('verifies an untouched history clean, and an export offline; one changed byte fails it', async () => {
    const clean = await verify();
    expect(clean).toMatchObject({ ok: true, checkedEvents: 10, failures: [] });
    const file = join(dir, 'history.ndjson');
    const text = await exportHistory(file);
    expect(await verifyExport(file, clean.headsDigest)).toMatchObject({ ok: true, checkedEvents: 10 });
    const at = text.indexOf('Lantern riddles');
    writeFileSync(join(dir, 'tampered.ndjson'), `${text.slice(0, at)}l${text.slice(at + 1)}`);
    const tampered = await verifyExport(join(dir, 'tampered.ndjson'));
    expect(tampered.ok).toBe(false);
    expect(tampered.failures).toEqual([
      expect.objectContaining({ streamId: activityStream, version: 1, reason: 'hash mismatch' }),
    ]);
  });

  it('names an edited, a deleted and an inserted commit; an appended forgery breaks the kept digest', async () => {
    const digestBefore = (await verify()).headsDigest;
    const db = documentClient(api.runtime.endpoint);
    const item = async (version: number) =>
      (await db.send(new GetCommand({ TableName: 'Events', Key: { streamId: activityStream, version } })))
        .Item!;
    // Edit: version 2's attendance gets another method, in its stored facts.
    const v2 = await item(2);
    const facts = String(v2.facts).replace('"method":"organizer"', '"method":"kiosk"');
    expect(facts).not.toBe(v2.facts);
    await db.send(new PutCommand({ TableName: 'Events', Item: { ...v2, facts } }));
    // Delete: version 3 disappears.
    await db.send(new DeleteCommand({ TableName: 'Events', Key: { streamId: activityStream, version: 3 } }));
    // Insert: a commit at version 6 that does not follow version 5.
    const v5 = commitFromItem(await item(5));
    const forged: Commit = {
      ...v5,
      firstVersion: 6,
      lastVersion: 6,
      commitId: '01ZZZZZZZZZZZZZZZZZZZZZZZZ',
      events: [{ ...v5.events[0]!, streamVersion: 6 }],
      prevHash: '1'.repeat(64),
      hash: '2'.repeat(64),
    };
    await db.send(new PutCommand({ TableName: 'Events', Item: itemOfCommit(forged) }));
    const result = await verify();
    expect(result.ok).toBe(false);
    const named = result.failures.map((f) => [f.streamId, f.version, f.reason]);
    expect(named).toEqual(
      expect.arrayContaining([
        [activityStream, 2, 'hash mismatch'],
        [activityStream, 3, 'gap'],
        [activityStream, 6, 'unexpected commit'],
      ]),
    );

    // Restore, then append a forgery with a well-formed chain: only the digest the auditor kept reveals it.
    await db.send(new PutCommand({ TableName: 'Events', Item: v2 }));
    await db.send(new DeleteCommand({ TableName: 'Events', Key: { streamId: activityStream, version: 6 } }));
    const exported = readFileSync(join(dir, 'history.ndjson'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const v3: Commit = exported.find((c) => c.streamId === activityStream && c.firstVersion === 3);
    const { prevHash: _p, hash: _h, ...v3body } = v3;
    await db.send(new PutCommand({ TableName: 'Events', Item: itemOfCommit(v3) }));
    expect((await verify(digestBefore)).ok).toBe(true);
    const forgedTail = {
      ...v3body,
      firstVersion: 6,
      lastVersion: 6,
      commitId: '01ZZZZZZZZZZZZZZZZZZZZZZZZ',
      events: [{ ...v3body.events[0]!, streamVersion: 6 }],
    };
    const prev = commitFromItem(await item(5)).hash;
    await db.send(
      new PutCommand({
        TableName: 'Events',
        Item: itemOfCommit({
          ...forgedTail,
          prevHash: prev,
          hash: commitHash(prev, canonicalJson(forgedTail)),
        }),
      }),
    );
    expect((await verify()).ok).toBe(true);
    const withDigest = await verify(digestBefore);
    expect(withDigest.ok).toBe(false);
    expect(withDigest.failures.map((f) => f.reason)).toEqual(['digest mismatch']);
  });
});

describe('daily digests', () => {
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  let api: TestApi;
  afterAll(async () => api?.close());

  it('chains each day’s stream heads to the previous digest, and verify names a day whose history changed', async () => {
    api = await startApi({ clock });
    const admin = await api.token('admin');
    const auditor = await api.token('auditor');
    await api.call('POST', '/plans', { token: admin, body: { communityName: 'V', year: 2026, title: 'P' } });
    const first = await api.call<{ id: string; streamId: string }>('POST', '/residents', {
      token: admin,
      body: { name: 'Day one', householdId: 'H' },
    });
    clock.set('2026-03-02T10:00:00Z');
    await api.call('POST', '/residents', { token: admin, body: { name: 'Day two', householdId: 'H' } });
    clock.set('2026-03-03T00:10:00Z');
    const written = await api.call<{ written: { day: string; previous: string; digest: string }[] }>(
      'POST',
      '/audit/digests',
      { token: auditor },
    );
    expect(written.status).toBe(201);
    expect(written.body.written.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(written.body.written[1]!.previous).toBe(written.body.written[0]!.digest);
    expect((await api.call('POST', '/audit/digests', { token: auditor })).status).toBe(200);
    const job = await api.runtime.dailyDigests({ time: '2026-03-03T00:20:00Z' });
    expect(job.written).toEqual([]);
    // The scheduled job finds nothing more to write today.
    await api.runtime.dispatcher.idle();
    const listed = await api.call<{ items: { day: string }[] }>('GET', '/audit/digests', { token: auditor });
    expect(listed.body.items.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect((await api.call<Verification>('GET', '/audit/verify', { token: auditor })).body.ok).toBe(true);

    // Someone rewrites day one's resident and recomputes its hash, so the chain alone looks fine.
    const db = documentClient(api.runtime.endpoint);
    const item = (
      await db.send(
        new GetCommand({ TableName: 'Events', Key: { streamId: first.body.streamId, version: 1 } }),
      )
    ).Item!;
    const { prevHash, hash: _genuine, ...body } = commitFromItem(item);
    body.events[0]!.data.name = 'Someone else';
    const rewritten = itemOfCommit({ ...body, prevHash, hash: commitHash(prevHash, canonicalJson(body)) });
    expect(rewritten.facts).toContain('Someone else');
    await db.send(new PutCommand({ TableName: 'Events', Item: rewritten }));
    const verification = (await api.call<Verification>('GET', '/audit/verify', { token: auditor })).body;
    expect(verification.ok).toBe(false);
    // One rewrite is one finding: day two's digest differs only because it chains day one's, and
    // says so once (a follow-on), rather than as a second mismatch of its own.
    expect(verification.failures.map((f) => [f.streamId, f.reason])).toEqual([
      ['digest 2026-03-01', 'digest mismatch'],
      ['digest 2026-03-02', 'digest mismatch follows'],
    ]);
    // The next day, the job writes the day that just ended and only that.
    clock.set('2026-03-03T12:00:00Z');
    await api.call('POST', '/residents', { token: admin, body: { name: 'Day three', householdId: 'H' } });
    const next = await api.runtime.dailyDigests({ time: '2026-03-04T00:10:00Z' });
    expect(next.written).toEqual([{ community: 'demo', days: ['2026-03-03'] }]);
  });
});
