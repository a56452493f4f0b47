import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../events/index.js';
import type { IdempotencyStore } from '../../../../functions/app/idempotency.js';
import { idempotency } from '../../../../functions/http/middleware/idempotency.js';
import { ManualClock } from '../../../support/clock.js';

describe('a retry waiting for the first request with its key', () => {
  it('waits on the injected clock and sleep alone: 409 in progress once the wait is over, no real time spent', async () => {
    const body = { name: 'x' };
    const fingerprint = createHash('sha256')
      .update(`POST /residents\n${canonicalJson(body)}`)
      .digest('hex');
    let claims = 0;
    const store = {
      claim: async () => {
        claims++;
        return { state: 'in-progress', fingerprint } as const;
      },
    } as unknown as IdempotencyStore;
    const clock = new ManualClock('2026-05-01T00:00:00.000Z');
    const middleware = idempotency(store, {
      ids: { next: () => 'id' },
      clock,
      waitMs: 10_000,
      pollMs: 1_000,
      sleep: async (ms) => clock.advance(ms),
    });
    const request = {
      event: {
        headers: { 'idempotency-key': 'K1' },
        rawPath: '/residents',
        requestContext: { http: { method: 'POST', path: '/residents' } },
      },
      context: {
        ledger: {
          match: { route: { kind: 'command' } },
          principal: { community: 'c1' },
          correlationId: 'c',
          input: { body },
        },
      },
    };
    const started = Date.now();
    const refused = await (middleware.before as (r: unknown) => Promise<unknown>)(request).catch((e) => e);
    expect(refused).toMatchObject({ kind: 'conflict', code: 'idempotent-request-in-progress' });
    expect(claims).toBe(12); // at 0 s, then after each 1 s pause until the clock passes 10 s
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
