import { describe, expect, it } from 'vitest';
import type {
  IdempotencyClaim,
  IdempotencyStore,
  StoredResponse,
} from '../../../../functions/app/idempotency.js';
import type { CrashPoint } from '../../../../functions/app/ports.js';
import type { HttpMiddleware } from '../../../../functions/http/middleware/context.js';
import { idempotency } from '../../../../functions/http/middleware/idempotency.js';
import { ManualClock } from '../../../support/clock.js';

/**
 * The Idempotency-Key middleware against a store that keeps claims in a map, one rule at a time:
 * the key is bound to method, path and body; the holder's append deadline leaves the 5 s margin;
 * a success completes the claim, a refusal frees it, a failure that may have written abandons it.
 */

type Request = Parameters<NonNullable<HttpMiddleware['before']>>[0];
const T0 = Date.parse('2026-05-01T00:00:00.000Z');

function memoryStore(lockMs: number, clock: ManualClock) {
  const claims = new Map<string, IdempotencyClaim>();
  const fingerprints = new Map<string, string>();
  const calls: string[] = [];
  const store: IdempotencyStore = {
    async claim(key, fingerprint, reservedId) {
      const held = claims.get(key);
      if (held)
        return held.state === 'acquired'
          ? { state: 'in-progress', fingerprint: fingerprints.get(key)! }
          : held;
      fingerprints.set(key, fingerprint);
      const lockedUntil = clock.now().getTime() + lockMs;
      const claimedSince = clock.now().toISOString();
      claims.set(key, { state: 'acquired', reservedId, claimedSince, lockedUntil, takenOver: false });
      return { state: 'acquired', reservedId, claimedSince, lockedUntil, takenOver: false };
    },
    async complete(key, response: StoredResponse) {
      calls.push(`complete ${key}`);
      claims.set(key, { state: 'completed', fingerprint: fingerprints.get(key)!, response });
    },
    async release(key) {
      calls.push(`release ${key}`);
      claims.delete(key);
    },
    async abandon(key) {
      calls.push(`abandon ${key}`);
    },
    read: async (key) => claims.get(key),
  };
  return { store, calls, claims };
}

function setUp(lockMs = 30_000) {
  const clock = new ManualClock(new Date(T0));
  const { store, calls, claims } = memoryStore(lockMs, clock);
  const crashes: CrashPoint[] = [];
  const middleware = idempotency(store, {
    ids: { next: () => '01JRESERVED0000000000000000' },
    clock,
    crashHook: async (at) => {
      crashes.push(at);
    },
    waitMs: 0,
    sleep: async (ms) => clock.advance(ms),
  });
  const request = (
    key: string | undefined,
    path = '/residents',
    body: unknown = { name: 'x' },
    kind = 'command',
  ) =>
    ({
      event: {
        headers: key === undefined ? {} : { 'Idempotency-Key': key },
        rawPath: path,
        requestContext: { http: { method: 'POST', path } },
      },
      context: {
        ledger: {
          match: { route: { kind } },
          principal: { community: 'c1' },
          correlationId: 'corr',
          input: { body },
        },
      },
    }) as unknown as Request;
  const claimFor = (r: Request) =>
    Promise.resolve(middleware.before!(r)).then(
      () => 'passed',
      (e: { kind?: string; code?: string }) => ({ kind: e.kind, code: e.code }),
    );
  return { clock, calls, claims, crashes, middleware, request, claimFor };
}

describe('Idempotency-Key: what a request holding its claim may do', () => {
  it('leaves the holder no append in the last 5 s of a 30 s lock', async () => {
    const { request, claimFor, crashes } = setUp(30_000);
    const r = request('K');
    expect(await claimFor(r)).toBe('passed');
    expect(r.context.ledger.idempotency).toMatchObject({
      key: 'K',
      scopedKey: 'c1#K',
      acquired: true,
      reservedId: '01JRESERVED0000000000000000',
      run: { key: 'K', recoverSince: undefined, appendBefore: T0 + 25_000 },
    });
    expect(crashes).toEqual(['claimed']);
  });

  it('keeps two thirds of a short lock for the command (tests run with 3 s locks)', async () => {
    const { request, claimFor } = setUp(3_000);
    const r = request('K');
    await claimFor(r);
    expect(r.context.ledger.idempotency?.run.appendBefore).toBe(T0 + 2_000);
  });

  it('ignores requests without a key and routes that are not commands', async () => {
    const { request, claimFor, claims } = setUp();
    const unkeyed = request(undefined);
    expect(await claimFor(unkeyed)).toBe('passed');
    const query = request('K', '/residents', {}, 'query');
    expect(await claimFor(query)).toBe('passed');
    expect([unkeyed.context.ledger.idempotency, query.context.ledger.idempotency, claims.size]).toEqual([
      undefined,
      undefined,
      0,
    ]);
  });

  it('refuses an empty key and one longer than 128 characters (400), and takes one of exactly 128', async () => {
    const { request, claimFor } = setUp();
    const invalid = { kind: 'invalid-input', code: 'invalid-idempotency-key' };
    expect(await claimFor(request(''))).toEqual(invalid);
    expect(await claimFor(request('k'.repeat(129)))).toEqual(invalid);
    expect(await claimFor(request('k'.repeat(128)))).toBe('passed');
  });
});

describe('Idempotency-Key: the first answer, replayed', () => {
  async function answered(status: number) {
    const setup = setUp();
    const first = setup.request('K');
    await setup.claimFor(first);
    first.response = { statusCode: status, body: JSON.stringify({ id: 'A' }) };
    await setup.middleware.after!(first);
    return setup;
  }

  it('completes the claim on success and replays it as 200, Idempotent-Replayed, for the same request', async () => {
    const { request, calls, crashes, middleware } = await answered(201);
    expect(calls).toEqual(['complete c1#K']);
    expect(crashes).toEqual(['claimed', 'answered']);
    const again = request('K');
    const replayed = await middleware.before!(again);
    expect(replayed).toEqual({
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'idempotent-replayed': 'true',
        'x-correlation-id': 'corr',
      },
      body: '{"id":"A"}',
    });
    expect(again.response).toBe(replayed);
  });

  it('replays a 200 as 200', async () => {
    const { request, middleware } = await answered(200);
    expect(await middleware.before!(request('K'))).toMatchObject({ statusCode: 200 });
  });

  it('frees the key after a refusal that wrote nothing, so a corrected retry runs', async () => {
    const { calls, claims } = await answered(409);
    expect(calls).toEqual(['release c1#K']);
    expect(claims.size).toBe(0);
  });

  it('binds the key to method, path and body: another path or body with it is refused (422)', async () => {
    const { request, claimFor } = await answered(201);
    const reused = { kind: 'unprocessable', code: 'idempotency-key-reused' };
    expect(await claimFor(request('K', '/activities/A/cancel'))).toEqual(reused);
    expect(await claimFor(request('K', '/residents', { name: 'y' }))).toEqual(reused);
  });
});

describe('Idempotency-Key: a request that failed', () => {
  const failed = async (status: number) => {
    const setup = setUp();
    const r = setup.request('K');
    await setup.claimFor(r);
    const error = Object.assign(new Error('x'), { statusCode: status });
    const { ApplicationError } = await import('../../../../functions/app/errors.js');
    const thrown = status < 500 ? new ApplicationError('conflict', 'c', 'refused') : error;
    await setup.middleware.onError!({ ...r, error: thrown } as unknown as Request);
    return setup.calls;
  };

  it('frees the key after a refusal, abandons it (the next retry takes over at once) after a failure', async () => {
    expect(await failed(409)).toEqual(['release c1#K']);
    expect(await failed(500)).toEqual(['abandon c1#K']);
  });

  it('touches no claim it does not hold', async () => {
    const { middleware, request, calls } = setUp();
    const r = request('K');
    await middleware.onError!({ ...r, error: new Error('x') } as unknown as Request);
    r.response = { statusCode: 201, body: '{}' };
    await middleware.after!(r);
    expect(calls).toEqual([]);
  });
});

describe('Idempotency-Key: a retry while the first request still runs', () => {
  it('waits 10 s by default, polling every 25 ms, then answers 409 in progress', async () => {
    const clock = new ManualClock(new Date(T0));
    let claims = 0;
    const store = {
      claim: async () => {
        claims++;
        return { state: 'in-progress', fingerprint: (await fingerprintOf('K')) as string };
      },
    } as unknown as IdempotencyStore;
    const middleware = idempotency(store, {
      ids: { next: () => 'id' },
      clock,
      sleep: async (ms) => clock.advance(ms),
    });
    const { request } = setUp();
    const refused = await Promise.resolve(middleware.before!(request('K'))).catch(
      (e: { code?: string }) => e.code,
    );
    expect(refused).toBe('idempotent-request-in-progress');
    expect(clock.now().getTime() - T0).toBe(10_025);
    expect(claims).toBe(402);
  });
});

/** The fingerprint a first request stored, as the store holds it (read back from a real claim). */
async function fingerprintOf(key: string): Promise<string | undefined> {
  let seen: string | undefined;
  const clock = new ManualClock(new Date(T0));
  const store = {
    claim: async (_k: string, fingerprint: string) => {
      seen = fingerprint;
      return {
        state: 'acquired',
        reservedId: 'r',
        claimedSince: '',
        lockedUntil: T0 + 30_000,
        takenOver: false,
      };
    },
  } as unknown as IdempotencyStore;
  const { request } = setUp();
  await idempotency(store, { ids: { next: () => 'id' }, clock }).before!(request(key));
  return seen;
}
