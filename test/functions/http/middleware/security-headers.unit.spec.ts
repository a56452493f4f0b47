import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  DATA_CSP,
  HTML_CSP,
  secureHeaders,
  withSecurityHeaders,
} from '../../../../functions/http/middleware/security-headers.js';
import { promisedSecurityHeaders } from '../../../support/security-headers.js';

/** Every answer leaves with the promised headers, whichever way it leaves the handler. */

const logger = new Logger({ logLevel: 'SILENT' });
const event = {} as APIGatewayProxyEventV2;
const contextFor = (kind?: 'public' | 'query', correlationId?: string) =>
  ({
    ledger: { correlationId, ...(kind ? { match: { route: { kind } } } : {}) },
  }) as unknown as Context;
const run = (answer: () => Promise<APIGatewayProxyResultV2>, context = contextFor('query')) =>
  withSecurityHeaders(answer, logger)(event, context) as Promise<{
    statusCode: number;
    headers: Record<string, string>;
    body?: string;
  }>;

describe('the security headers every answer carries (README: HSTS, X-Frame-Options: DENY, Referrer-Policy)', () => {
  it('adds them, lower-cased, over whatever the handler set, and keeps its other headers', () => {
    const headers = secureHeaders(
      { 'Content-Type': 'application/json', 'X-Frame-Options': 'SAMEORIGIN', 'X-Skip': undefined },
      { public: false },
    );
    expect(headers).toMatchObject(promisedSecurityHeaders);
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'x-content-type-options': 'nosniff',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-permitted-cross-domain-policies': 'none',
      'content-security-policy': DATA_CSP,
      'cache-control': 'no-store',
    });
    expect(Object.keys(headers)).not.toContain('x-skip');
  });

  it('gives rendered HTML the policy that lets inline styles apply, and keeps a policy a route chose', () => {
    expect(secureHeaders({ 'content-type': 'text/html; charset=utf-8' }, { public: false })).toMatchObject({
      'content-security-policy': HTML_CSP,
    });
    const chosen = "default-src 'self'";
    expect(
      secureHeaders({ 'content-type': 'text/html', 'content-security-policy': chosen }, { public: true }),
    ).toMatchObject({ 'content-security-policy': chosen });
  });

  it('lets a public answer keep the caching it asked for; any other answer is never stored', () => {
    const asked = { 'cache-control': 'public, max-age=300' };
    expect(secureHeaders(asked, { public: true })['cache-control']).toBe('public, max-age=300');
    expect(secureHeaders({}, { public: true })['cache-control']).toBe('no-store');
    expect(secureHeaders(asked, { public: false })['cache-control']).toBe('no-store');
  });

  it('on an answer a middleware gave (a replay skips every after) and on a bare string answer', async () => {
    const replay = await run(async () => ({
      statusCode: 200,
      headers: { 'idempotent-replayed': 'true' },
      body: '{}',
    }));
    expect(replay.headers).toMatchObject({ ...promisedSecurityHeaders, 'idempotent-replayed': 'true' });
    const bare = await run(async () => 'plain');
    expect(bare).toMatchObject({ statusCode: 200, body: 'plain', headers: promisedSecurityHeaders });
  });

  it('keeps a public route’s caching and makes any other route’s answer no-store', async () => {
    const cached = async () => ({ statusCode: 200, headers: { 'cache-control': 'max-age=60' } });
    expect((await run(cached, contextFor('public'))).headers['cache-control']).toBe('max-age=60');
    expect((await run(cached, contextFor('query'))).headers['cache-control']).toBe('no-store');
    expect((await run(cached, contextFor())).headers['cache-control']).toBe('no-store');
  });

  it('on a failure nothing answered: a 500 problem with the correlation id, not a bare 502', async () => {
    const failed = await run(
      async () => {
        throw new Error('boom');
      },
      contextFor('public', 'corr-1'),
    );
    expect(failed.statusCode).toBe(500);
    expect(failed.headers).toMatchObject({
      ...promisedSecurityHeaders,
      'content-type': 'application/problem+json',
      'x-correlation-id': 'corr-1',
      'cache-control': 'no-store',
    });
    expect(JSON.parse(failed.body!)).toMatchObject({ status: 500, code: 'internal-error' });
    const anonymous = await run(async () => {
      throw new Error('boom');
    }, contextFor());
    expect(anonymous.headers['x-correlation-id']).toBeUndefined();
  });
});
