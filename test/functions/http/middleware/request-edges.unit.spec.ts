import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ApplicationError } from '../../../../functions/app/errors.js';
import type { Authenticator } from '../../../../functions/http/authenticator.js';
import { authentication } from '../../../../functions/http/middleware/authentication.js';
import type { HttpMiddleware } from '../../../../functions/http/middleware/context.js';
import { correlation } from '../../../../functions/http/middleware/correlation.js';
import { errorMapper } from '../../../../functions/http/middleware/error-mapper.js';
import { routing } from '../../../../functions/http/middleware/routing.js';
import type { Principal } from '../../../../functions/http/principal.js';
import type { Route } from '../../../../functions/http/route.js';
import { Router } from '../../../../functions/http/router.js';

/**
 * The edges of every request, one middleware at a time: which route (404, 405, 400 for a bad
 * escape), who is calling (401 before 403, a public route needs no token), one correlation id on
 * every answer, and how a failure leaves (problem+json with the headers its status needs).
 */

const logger = new Logger({ logLevel: 'SILENT' });
type Request = Parameters<NonNullable<HttpMiddleware['before']>>[0];

const route = (path: string, kind: Route['kind'], roles: Route['roles'] = []) =>
  ({ method: 'GET', path, operationId: path, kind, roles }) as unknown as Route;
const residents = route('/residents/{residentId}', 'query', ['admin', 'auditor']);
const docs = route('/docs', 'public');
const elsewhere = route('/elsewhere', 'query', ['admin']);

function requestOf(event: Partial<APIGatewayProxyEventV2>, ledger: Record<string, unknown> = {}): Request {
  return { event, context: { ledger: { correlationId: 'c-1', ...ledger } } } as unknown as Request;
}
const http = (method: string, rawPath: string) =>
  ({ rawPath, requestContext: { http: { method, path: rawPath } } }) as unknown as APIGatewayProxyEventV2;

const refusalOf = async (run: () => unknown) => {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApplicationError) return { kind: error.kind, code: error.code, extra: error.extra };
    throw error;
  }
  return 'passed';
};

describe('routing: which route a request is for', () => {
  const router = new Router([residents, docs, elsewhere]);
  const serves = (r: Route) => r !== elsewhere;
  const run = (method: string, path: string) => {
    const request = requestOf(http(method, path));
    return { request, before: () => routing(router, serves).before!(request) };
  };

  it('matches a template and hands its decoded parameters on', async () => {
    const { request, before } = run('get', '/residents/R%201');
    expect(await refusalOf(before)).toBe('passed');
    expect(request.context.ledger.match).toMatchObject({ route: residents, params: { residentId: 'R 1' } });
  });

  it('answers 404 for an unknown path and for a route another function serves', async () => {
    expect(await refusalOf(run('GET', '/nowhere').before)).toMatchObject({
      kind: 'not-found',
      code: 'no-such-route',
    });
    expect(await refusalOf(run('GET', '/elsewhere').before)).toMatchObject({ kind: 'not-found' });
  });

  it('answers 405 naming the methods allowed, and 400 for a parameter that is not valid percent-encoding', async () => {
    expect(await refusalOf(run('POST', '/docs').before)).toMatchObject({
      kind: 'method-not-allowed',
      extra: { allowed: ['GET'] },
    });
    expect(await refusalOf(run('GET', '/residents/%zz').before)).toMatchObject({
      kind: 'invalid-input',
      code: 'invalid-path',
    });
  });
});

describe('authentication: the token first (401), then the route’s roles (403)', () => {
  const as = (...roles: Principal['roles']) =>
    ({ authenticate: async () => ({ sub: 's', community: 'demo', roles }) }) as unknown as Authenticator;
  const refusing: Authenticator = {
    authenticate: async () => {
      throw new ApplicationError('unauthenticated', 'unauthorized', 'no token');
    },
  };
  const run = (authenticator: Authenticator, matched: Route) => {
    const request = requestOf({}, { match: { route: matched, params: {} } });
    return { request, before: () => authentication(authenticator).before!(request) };
  };

  it('lets a caller holding one of the route’s roles through, as that principal', async () => {
    const { request, before } = run(as('resident', 'auditor'), residents);
    expect(await refusalOf(before)).toBe('passed');
    expect(request.context.ledger.principal).toMatchObject({ roles: ['resident', 'auditor'] });
  });

  it('refuses a caller with none of them (403), naming the roles that would do', async () => {
    const { request, before } = run(as('resident', 'judge'), residents);
    expect(await refusalOf(before)).toMatchObject({ kind: 'forbidden', code: 'forbidden' });
    expect(request.context.ledger.principal).toBeUndefined();
  });

  it('refuses a bad token before looking at roles, and asks no token of a public route', async () => {
    expect(await refusalOf(run(refusing, residents).before)).toMatchObject({ kind: 'unauthenticated' });
    expect(await refusalOf(run(refusing, docs).before)).toBe('passed');
  });
});

describe('correlation: one id per request, on every answer', () => {
  const begin = (given: string | undefined, requestId?: string) => {
    const request = {
      event: {
        headers: given === undefined ? {} : { 'X-Correlation-Id': given },
        requestContext: { requestId },
      },
      context: {},
    } as unknown as Request;
    correlation(logger).before!(request);
    return request;
  };

  it('keeps a well-formed id the caller gave, else API Gateway’s request id, else a fresh one', () => {
    expect(begin('abc.1:2-3_4').context.ledger.correlationId).toBe('abc.1:2-3_4');
    expect(begin('not ok!', 'gw-1').context.ledger.correlationId).toBe('gw-1');
    expect(begin('x'.repeat(129), 'gw-2').context.ledger.correlationId).toBe('gw-2');
    expect(begin(undefined).context.ledger.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds it to every log line of the request', () => {
    const { logger: log, keys } = recordingLogger();
    correlation(log).before!({
      event: { headers: { 'x-correlation-id': 'corr-5' } },
      context: {},
    } as unknown as Request);
    expect(keys).toEqual([{ correlationId: 'corr-5' }]);
  });

  it('leaves an answer that is a bare string as it is (the outer wrapper adds headers to it)', () => {
    const request = begin('corr-9');
    request.response = 'plain';
    correlation(logger).after!(request);
    expect(request.response).toBe('plain');
  });

  it('adds it to the answer, keeping the answer’s other headers', () => {
    const request = begin('corr-9');
    request.response = { statusCode: 200, headers: { 'content-type': 'text/plain' } };
    correlation(logger).after!(request);
    expect(request.response.headers).toEqual({ 'content-type': 'text/plain', 'x-correlation-id': 'corr-9' });
  });
});

/** A logger that keeps what it was asked to write. */
function recordingLogger() {
  const lines: [string, string, unknown][] = [];
  const keep = (level: string) => (message: string, extra?: unknown) => {
    lines.push([level, message, extra]);
  };
  const keys: unknown[] = [];
  const log = { error: keep('error'), info: keep('info'), appendKeys: (k: unknown) => keys.push(k) };
  return { logger: log as unknown as Logger, lines, keys };
}

describe('the error mapper: every failure leaves as problem+json with the headers its status needs', () => {
  const mapped = (error: Error, ledger?: Record<string, unknown>, log: Logger = logger) => {
    const request = { error, context: { ledger }, event: {} } as unknown as Request & { error: Error };
    errorMapper(log).onError!(request);
    const response = request.response as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    return { ...response, problem: JSON.parse(response.body) };
  };

  it('names the methods a 405 allows, asks a 401 for a bearer token, and tells a 503 when to retry', () => {
    const allowed = mapped(
      new ApplicationError('method-not-allowed', 'm', 'no', { allowed: ['GET', 'POST'] }),
    );
    expect([allowed.statusCode, allowed.headers.allow]).toEqual([405, 'GET, POST']);
    const unauthenticated = mapped(new ApplicationError('unauthenticated', 'unauthorized', 'no token'));
    expect([unauthenticated.statusCode, unauthenticated.headers['www-authenticate']]).toEqual([
      401,
      'Bearer',
    ]);
    const busy = mapped(new ApplicationError('unavailable', 'busy', 'later'));
    expect([busy.statusCode, busy.headers['retry-after']]).toEqual([503, '1']);
    for (const other of [allowed, unauthenticated])
      expect(other.headers['retry-after'], String(other.statusCode)).toBeUndefined();
    for (const other of [unauthenticated, busy]) expect(other.headers.allow).toBeUndefined();
    for (const other of [allowed, busy]) expect(other.headers['www-authenticate']).toBeUndefined();
  });

  it('logs a 5xx with its cause, and a refusal as information with its status and code only', () => {
    const { logger: log, lines } = recordingLogger();
    const cause = new Error('disk on fire');
    mapped(cause, undefined, log);
    mapped(new ApplicationError('forbidden', 'forbidden', 'no'), undefined, log);
    mapped(new ApplicationError('unavailable', 'busy', 'later'), undefined, log);
    expect(lines).toEqual([
      ['error', 'request failed', { error: cause }],
      ['info', 'request refused', { status: 403, code: 'forbidden' }],
      ['error', 'request failed', { error: expect.any(ApplicationError) }],
    ]);
  });

  it('sends Allow only with a 405 that names the methods', () => {
    const bare = mapped(new ApplicationError('method-not-allowed', 'm', 'no'));
    expect([bare.statusCode, bare.headers.allow]).toEqual([405, undefined]);
    const listed = mapped(new ApplicationError('conflict', 'c', 'no', { allowed: ['GET'] }));
    expect([listed.statusCode, listed.headers.allow]).toEqual([409, undefined]);
  });

  it('carries the correlation id when there is one, and answers 500 for what it does not know', () => {
    const refused = mapped(new ApplicationError('forbidden', 'forbidden', 'no'), { correlationId: 'c-7' });
    expect(refused).toMatchObject({ statusCode: 403, headers: { 'x-correlation-id': 'c-7' } });
    expect(refused.headers['content-type']).toBe('application/problem+json');
    const unknown = mapped(new Error('boom'));
    expect(unknown.statusCode).toBe(500);
    expect(unknown.headers['x-correlation-id']).toBeUndefined();
    expect(unknown.problem).toMatchObject({ status: 500 });
  });
});
