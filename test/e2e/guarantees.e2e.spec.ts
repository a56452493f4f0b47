import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../functions/app/ports.js';
import { type ApiAnswer, commitCount, startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';
import { promisedHeadersOf, promisedSecurityHeaders } from '../support/security-headers.js';

/**
 * README's promises that no other test pinned, each through HTTP as a front-end meets it: the
 * security headers on every answer (errors and replays too), the 5 s append margin of an
 * Idempotency-Key's holder, and a key bound to the route it was first used on.
 */

/** The server's default claim lock (IDEMPOTENCY_LOCK_MS): README's 30 s. */
const LOCK_MS = 30_000;

const clock = new ManualClock('2026-05-04T02:00:00Z');
/** Set by a test: when the next request claims its key, its holder's clock jumps this far. */
let jumpAfterClaim: number | undefined;
const crashHook = async (at: CrashPoint) => {
  if (at !== 'claimed' || jumpAfterClaim === undefined) return;
  clock.advance(jumpAfterClaim);
  jumpAfterClaim = undefined;
};

let api: TestApi;
let admin: string;
let planId: string;
const keyed = (key: string) => ({ 'idempotency-key': key });
const newActivity = async (title: string) => {
  const window = { start: '2026-06-01', end: '2026-06-30' };
  const created = await api.as(admin).post<{ id: string; code?: string }>('/activities', {
    planId,
    category: 'festival',
    format: 'performance',
    title,
    window,
  });
  expect(created.status, created.text).toBe(201);
  return created.body.id;
};

beforeAll(async () => {
  api = await startApi({ clock, crashHook });
  admin = await api.token('admin');
  planId = (
    await api.as(admin).post<{ id: string; code?: string }>('/plans', {
      communityName: 'Venus',
      year: 2026,
      title: 'Promises',
    })
  ).body.id;
}, 60_000);
afterAll(async () => api?.close());

describe('a claim holder starts no append in the last 5 s of its lock (README, Guarantees)', () => {
  const enrolment = { name: 'Margin Case', householdId: 'H-M' };

  it('answers 503 and appends nothing when its lock ends within 5 s; the retry with the same key records it once', async () => {
    const before = await commitCount(api);
    jumpAfterClaim = LOCK_MS - 4_000;
    const late = await api
      .as(admin)
      .post<{ id: string; code?: string }>('/residents', enrolment, { headers: keyed('margin-late') });
    expect([late.status, late.body.code]).toEqual([503, 'idempotent-request-timed-out']);
    expect(promisedHeadersOf(late)).toEqual(promisedSecurityHeaders);
    expect(await commitCount(api)).toBe(before);

    const retried = await api
      .as(admin)
      .post<{ id: string; code?: string }>('/residents', enrolment, { headers: keyed('margin-late') });
    expect(retried.status).toBe(201);
    expect(await commitCount(api)).toBe(before + 1);
  });

  it('still appends with 6 s of its lock left: the margin is 5 s, not more', async () => {
    const before = await commitCount(api);
    jumpAfterClaim = LOCK_MS - 6_000;
    const inTime = await api
      .as(admin)
      .post<{ id: string; code?: string }>(
        '/residents',
        { ...enrolment, householdId: 'H-M2' },
        { headers: keyed('margin-in-time') },
      );
    expect(inTime.status, inTime.text).toBe(201);
    expect(await commitCount(api)).toBe(before + 1);
  });
});

describe('an Idempotency-Key is bound to the route it was first used on', () => {
  it('refuses the same key and body sent to another path (422) and writes nothing there', async () => {
    const first = await newActivity('Key first');
    const other = await newActivity('Key other');
    const reason = { reason: 'rain' };
    expect(
      (
        await api.as(admin).post<{ id: string; code?: string }>(`/activities/${first}/cancel`, reason, {
          headers: keyed('bound-key'),
        })
      ).status,
    ).toBe(201);
    const before = await commitCount(api);
    const reused = await api
      .as(admin)
      .post<{ id: string; code?: string }>(`/activities/${other}/cancel`, reason, {
        headers: keyed('bound-key'),
      });
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency-key-reused']);
    expect(await commitCount(api)).toBe(before);
    const still = await api.call<{ status: string }>('GET', `/activities/${other}`, { token: admin });
    expect(still.body.status).not.toBe('cancelled');
    // On its own route the key still replays its first answer.
    const replayed = await api
      .as(admin)
      .post<{ id: string; code?: string }>(`/activities/${first}/cancel`, reason, {
        headers: keyed('bound-key'),
      });
    expect([replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
  });
});

describe('HSTS, X-Frame-Options: DENY and Referrer-Policy on every answer (README)', () => {
  it('on successes, replays, refusals of every kind, public pages and other renderings', async () => {
    const activity = await newActivity('Headers');
    const resident = await api.token('resident');
    const answers: [string, ApiAnswer<unknown>][] = [];
    const seen = async (what: string, answer: Promise<ApiAnswer<unknown>>) => {
      answers.push([what, await answer]);
    };
    const body = { name: 'Header Case', householdId: 'H-H' };
    await seen(
      '201 created',
      api
        .as(admin)
        .post<{ id: string; code?: string }>('/residents', body, { headers: keyed('headers-key') }),
    );
    await seen(
      '200 idempotent replay',
      api
        .as(admin)
        .post<{ id: string; code?: string }>('/residents', body, { headers: keyed('headers-key') }),
    );
    await seen(
      '422 key reused',
      api
        .as(admin)
        .post<{ id: string; code?: string }>(
          '/residents',
          { ...body, name: 'Other' },
          { headers: keyed('headers-key') },
        ),
    );
    await seen(
      '400 invalid body',
      api.as(admin).post<{ id: string; code?: string }>('/residents', { name: '' }),
    );
    await seen('401 no token', api.call('GET', '/residents'));
    await seen('401 bad token', api.call('GET', '/residents', { token: 'not-a-token' }));
    await seen(
      '403 role',
      api
        .as(resident)
        .post<{ id: string; code?: string }>(
          '/plans',
          { communityName: 'x', year: 2026, title: 'x' },
          { headers: {} },
        ),
    );
    await seen('404 unknown id', api.call('GET', `/activities/${'0'.repeat(26)}`, { token: admin }));
    await seen('404 unknown route', api.call('GET', '/nowhere', { token: admin }));
    await seen(
      '412 If-Match',
      api.as(admin).post<{ id: string; code?: string }>(
        `/activities/${activity}/held`,
        { heldOn: '2026-06-02', summary: 'x' },
        {
          headers: {
            'if-match': '"99"',
          },
        },
      ),
    );
    await seen(
      '201 cancelled',
      api.as(admin).post<{ id: string; code?: string }>(`/activities/${activity}/cancel`, { reason: 'x' }),
    );
    await seen(
      '409 conflict (cancelled already)',
      api.as(admin).post<{ id: string; code?: string }>(`/activities/${activity}/cancel`, { reason: 'x' }),
    );
    await seen('200 JSON query', api.call('GET', `/activities/${activity}`, { token: admin }));
    await seen(
      '200 CSV',
      api.call('GET', `/reports/${planId}?period=2026`, { token: admin, headers: { accept: 'text/csv' } }),
    );
    await seen('200 public document', api.call('GET', '/openapi.json'));
    await seen('200 public page', api.call('GET', '/docs'));
    const statuses = answers.map(([what, answer]) => `${what}: ${answer.status}`);
    expect(statuses).toEqual(answers.map(([what]) => `${what}: ${what.split(' ')[0]}`));
    for (const [what, answer] of answers)
      expect(promisedHeadersOf(answer), what).toEqual(promisedSecurityHeaders);
  });
});
