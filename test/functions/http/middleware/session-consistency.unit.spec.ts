import { describe, expect, it } from 'vitest';
import type { DocumentRef } from '../../../../domain/shared/projection.js';
import { keyOf } from '../../../../functions/adapters/view-layout.js';
import type { Position } from '../../../../functions/app/position.js';
import type { Caller, SessionWrites } from '../../../../functions/app/session-writes.js';
import type { ViewStore } from '../../../../functions/app/view-store.js';
import type { HttpMiddleware } from '../../../../functions/http/middleware/context.js';
import { sessionConsistency } from '../../../../functions/http/middleware/session-consistency.js';

/**
 * Read your own writes with no parameter: a caller's command records where it wrote; the same
 * caller's next query waits for the views to apply it (and only that caller's, and only queries).
 */

type Request = Parameters<NonNullable<HttpMiddleware['before']>>[0];
const caller = { community: 'demo', sub: 'u-1', roles: ['admin'] };

/** `committed`: how far each stream's history goes (absent: every noted position was committed). */
function setUp(
  applied: Record<string, number>,
  written: Position[] = [],
  committed?: Record<string, number>,
) {
  const recorded: [Caller, Position][] = [];
  const asked: number[] = [];
  const sessions: SessionWrites = {
    record: async (who, position) => {
      recorded.push([who, position]);
    },
    recent: async (_who, withinMs) => {
      asked.push(withinMs);
      return written;
    },
  };
  let reads = 0;
  const views = {
    getMany: async (refs: DocumentRef[]) => {
      reads++;
      const keys = refs.map(keyOf);
      expect(keys.every((k) => k.pk === 'demo#$projected')).toBe(true);
      return keys
        .filter((k) => applied[k.sk] !== undefined)
        .map((k) => ({ owner: k.sk, appliedVersion: applied[k.sk]! }));
    },
  } as unknown as ViewStore;
  const streamReads: string[] = [];
  const events = {
    head: async (streamId: string) => {
      streamReads.push(streamId);
      return committed ? (committed[streamId] ?? 0) : Number.MAX_SAFE_INTEGER;
    },
  };
  const middleware = sessionConsistency(sessions, views, events as never, {
    waitMs: 60,
    backoff: { firstMs: 5, maxMs: 10 },
  });
  const request = (kind: string, query?: Record<string, string>, principal: unknown = caller) =>
    ({
      event: { queryStringParameters: query },
      context: { ledger: { correlationId: 'c', match: { route: { kind } }, principal } },
    }) as unknown as Request;
  const wait = (r: Request) =>
    Promise.resolve(middleware.before!(r)).then(
      () => 'answered',
      (e: { code?: string }) => e.code,
    );
  return { middleware, request, wait, recorded, asked, reads: () => reads, streamReads };
}

describe('a query waits for the caller’s own recent writes', () => {
  it('answers once every stream the caller wrote is applied up to their version', async () => {
    const written = [
      { streamId: 'demo#a#1', version: 2 },
      { streamId: 'demo#b#1', version: 1 },
    ];
    const { request, wait, asked } = setUp({ 'demo#a#1': 2, 'demo#b#1': 3 }, written);
    expect(await wait(request('query'))).toBe('answered');
    expect(asked).toEqual([15_000]);
  });

  it('answers 503 views-behind when one of them stays behind past the wait', async () => {
    const written = [
      { streamId: 'demo#a#1', version: 2 },
      { streamId: 'demo#b#1', version: 1 },
    ];
    const { request, wait, reads } = setUp({ 'demo#a#1': 1, 'demo#b#1': 1 }, written);
    expect(await wait(request('query'))).toBe('views-behind');
    expect(reads()).toBeGreaterThan(1);
    const unprojected = setUp({}, [{ streamId: 'demo#c#1', version: 1 }]);
    expect(await unprojected.wait(unprojected.request('query'))).toBe('views-behind');
  });

  it('drops a noted write whose commit never landed (noted beside a commit that failed), once the stream says so', async () => {
    const written = [
      { streamId: 'demo#a#1', version: 2 },
      { streamId: 'demo#b#1', version: 4 },
    ];
    // a#1 stops at version 1: the commit of version 2 failed after its note landed. Version 1
    // landed (maybe the caller's own, whose note version 2 replaced): the views show it.
    const { request, wait, streamReads } = setUp({ 'demo#a#1': 1, 'demo#b#1': 4 }, written, {
      'demo#a#1': 1,
      'demo#b#1': 4,
    });
    expect(await wait(request('query'))).toBe('answered');
    expect(streamReads).toEqual(['demo#a#1']);
    // A write that did land is still waited for.
    const landed = setUp({ 'demo#a#1': 1 }, written.slice(0, 1), { 'demo#a#1': 2 });
    expect(await landed.wait(landed.request('query'))).toBe('views-behind');
    expect(landed.streamReads).toEqual(['demo#a#1']);
    // So is the version before a failed one, while the views do not show it yet; a failed creation
    // leaves nothing to wait for.
    const before = setUp({}, written.slice(0, 1), { 'demo#a#1': 1 });
    expect(await before.wait(before.request('query'))).toBe('views-behind');
    const created = setUp({}, [{ streamId: 'demo#c#1', version: 1 }], {});
    expect(await created.wait(created.request('query'))).toBe('answered');
  });

  it('answers at once when a failed command of two events noted a version two past the stream’s end', async () => {
    // A cancel that promotes from the waitlist decides two events on version 3 and notes version 5;
    // its commit fails (throttled, timed out). The stream ends at 3, and the views show 3.
    const written = [{ streamId: 'demo#registration#1', version: 5 }];
    const { request, wait, streamReads } = setUp({ 'demo#registration#1': 3 }, written, {
      'demo#registration#1': 3,
    });
    expect(await wait(request('query'))).toBe('answered');
    expect(streamReads).toEqual(['demo#registration#1']);
    // Until the views show the stream's end, it is still waited for.
    const behind = setUp({ 'demo#registration#1': 2 }, written, { 'demo#registration#1': 3 });
    expect(await behind.wait(behind.request('query'))).toBe('views-behind');
  });

  it('reads nothing for a caller with no recent writes, a command, an anonymous request, or consistentWith', async () => {
    const behind = [{ streamId: 'demo#a#1', version: 9 }];
    const { request, wait, reads } = setUp({}, behind);
    expect(await wait(request('command'))).toBe('answered');
    expect(await wait(request('query', undefined, null))).toBe('answered');
    expect(await wait(request('query', { consistentWith: 'p' }))).toBe('answered');
    const none = setUp({}, []);
    expect(await none.wait(none.request('query'))).toBe('answered');
    expect([reads(), none.reads()]).toEqual([0, 0]);
  });
});

describe('a command records where the caller wrote', () => {
  const answer = (statusCode: number, body?: unknown) => ({
    statusCode,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const recordedAfter = async (kind: string, response: unknown, principal: unknown = caller) => {
    const setup = setUp({});
    const r = setup.request(kind, undefined, principal);
    r.response = response as Request['response'];
    await setup.middleware.after!(r);
    return setup.recorded;
  };

  it('records the stream and version of a 2xx answer, for that caller', async () => {
    expect(await recordedAfter('command', answer(201, { streamId: 'demo#a#1', version: 3 }))).toEqual([
      [caller, { streamId: 'demo#a#1', version: 3 }],
    ]);
    expect(await recordedAfter('command', answer(200, { streamId: 'demo#a#1', version: 1 }))).toHaveLength(1);
  });

  it('records nothing again for a write the command noted beside its commit', async () => {
    const setup = setUp({});
    const r = setup.request('command');
    r.context.ledger.notedWrites = new Set(['demo#a#1@3']);
    r.response = answer(201, { streamId: 'demo#a#1', version: 3 }) as Request['response'];
    await setup.middleware.after!(r);
    expect(setup.recorded).toEqual([]);
  });

  it('records nothing for a refusal, a query, an anonymous caller, an empty or unreadable body, or version 0', async () => {
    const good = { streamId: 'demo#a#1', version: 3 };
    expect(await recordedAfter('command', answer(409, good))).toEqual([]);
    expect(await recordedAfter('command', answer(300, good))).toEqual([]);
    expect(await recordedAfter('command', answer(199, good))).toEqual([]);
    expect(await recordedAfter('query', answer(200, good))).toEqual([]);
    expect(await recordedAfter('command', answer(201, good), null)).toEqual([]);
    expect(await recordedAfter('command', answer(201))).toEqual([]);
    expect(await recordedAfter('command', answer(201, '{not json'))).toEqual([]);
    expect(await recordedAfter('command', answer(201, { streamId: 'demo#a#1', version: 0 }))).toEqual([]);
    expect(await recordedAfter('command', answer(201, { streamId: 1, version: 3 }))).toEqual([]);
    expect(await recordedAfter('command', answer(201, { streamId: 'demo#a#1', version: '3' }))).toEqual([]);
    expect(await recordedAfter('command', undefined)).toEqual([]);
  });
});
