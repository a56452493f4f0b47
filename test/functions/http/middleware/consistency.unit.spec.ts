import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { StreamSlice } from '../../../../functions/app/ports.js';
import { encodePosition } from '../../../../functions/app/position.js';
import type { StoredView, ViewStore } from '../../../../functions/app/view-store.js';
import { consistency } from '../../../../functions/http/middleware/consistency.js';
import type { LedgerContext } from '../../../../functions/http/middleware/context.js';
import { problemFor } from '../../../../functions/http/middleware/problem.js';
import type { Route } from '../../../../functions/http/route.js';

const STREAM = 'demo#resident#01JABCDEFGHJKMNPQRSTVWXYZ0';

/** A view store whose projected marker for STREAM reaches `version` only after `lagMs`. */
function lagging(version: number, lagMs: number) {
  const started = Date.now();
  let reads = 0;
  const views = {
    async get() {
      reads++;
      const applied = Date.now() - started >= lagMs ? version : 0;
      return applied > 0 ? ({ appliedVersion: applied } as StoredView) : undefined;
    },
  } as unknown as ViewStore;
  return { views, reads: () => reads };
}

/** The event store: STREAM goes up to `head`. */
const storeAt = (head: number) => ({
  async readStream(_streamId: string, options: { fromVersion?: number } = {}): Promise<StreamSlice> {
    const from = options.fromVersion ?? 1;
    return { commits: [], version: head >= from ? head : from - 1, headHash: undefined };
  },
});

async function waitFor(middleware: ReturnType<typeof consistency>, token: string) {
  const route = { kind: 'query' } as Route;
  const request = {
    event: { queryStringParameters: { consistentWith: token } } as unknown as APIGatewayProxyEventV2,
    context: {
      ledger: {
        correlationId: 'c',
        match: { route, params: {} },
        principal: { sub: 'a', roles: ['admin'], community: 'demo' },
      },
    } as unknown as LedgerContext,
  };
  const started = Date.now();
  try {
    await middleware.before!(request as never);
    return { status: 200, ms: Date.now() - started };
  } catch (error) {
    return { status: problemFor(error).status, code: problemFor(error).code, ms: Date.now() - started };
  }
}

describe('consistentWith (issue 14)', () => {
  it('polls with backoff: a projector 1.5 s behind costs about ten view reads, not seventy-five', async () => {
    const { views, reads } = lagging(3, 1_500);
    const answer = await waitFor(
      consistency(views, storeAt(3), 5_000),
      encodePosition({ streamId: STREAM, version: 3 }),
    );
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeGreaterThanOrEqual(1_500);
    expect(reads()).toBeLessThanOrEqual(12);
  });

  it('a made-up position (past the end of its stream) is refused at once with 400, after one look at the store', async () => {
    const { views, reads } = lagging(3, 0);
    const answer = await waitFor(
      consistency(views, storeAt(3), 5_000),
      encodePosition({ streamId: STREAM, version: 4 }),
    );
    expect(answer).toMatchObject({ status: 400, code: 'invalid-position' });
    expect(answer.ms).toBeLessThan(200);
    expect(reads()).toBe(1);
  });

  it('answers 503 when the views stay behind a real write for longer than the wait', async () => {
    const { views } = lagging(3, 60_000);
    const answer = await waitFor(
      consistency(views, storeAt(3), 300),
      encodePosition({ streamId: STREAM, version: 3 }),
    );
    expect(answer).toMatchObject({ status: 503, code: 'views-behind' });
    expect(answer.ms).toBeLessThan(1_000);
  });

  it.each([
    ['another community', encodePosition({ streamId: STREAM.replace('demo#', 'other#'), version: 1 })],
    [
      'a community that prefixes ours',
      encodePosition({ streamId: STREAM.replace('demo#', 'demo-2#'), version: 1 }),
    ],
    ['no kind or id', encodePosition({ streamId: 'demo', version: 1 })],
    ['a fractional version', Buffer.from(JSON.stringify([STREAM, 1.5])).toString('base64url')],
    ['an object', Buffer.from(JSON.stringify({ streamId: STREAM, version: 1 })).toString('base64url')],
    ['not base64url', 'a position!'],
    ['far too long', 'A'.repeat(5_000)],
  ])('refuses a position of %s with 400', async (_name, token) => {
    const { views, reads } = lagging(3, 0);
    const answer = await waitFor(consistency(views, storeAt(3), 5_000), token);
    expect(answer).toMatchObject({ status: 400, code: 'invalid-position' });
    expect(reads()).toBe(0);
  });
});
