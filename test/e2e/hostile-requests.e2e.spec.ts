import { connect, type Socket } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePosition } from '../../functions/app/position.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/http/authenticator.js';
import { routes } from '../../functions/http/routes/index.js';
import { signDevToken } from '../../infra/local/dev-key.js';
import { commitCount, startApi, type TestApi } from '../support/api.js';

type Answer = { id: string; position: string; code?: string; nextCursor?: string | null; items?: unknown[] };

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Writes raw bytes to the server and collects whatever it answers until it closes or `ms` pass. */
function rawExchange(
  url: string,
  request: string,
  ms: number,
): Promise<{ answer: string; closed: boolean; socket: Socket }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    let closed = false;
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => {
      closed = true;
    });
    socket.write(request);
    setTimeout(() => resolve({ answer, closed, socket }), ms);
  });
}

describe('hostile requests against the local server (issue 14)', () => {
  let api: TestApi;
  let admin: string;
  let residentId: string;
  let position: string;

  beforeAll(async () => {
    api = await startApi();
    admin = await api.token('admin');
    for (const name of ['Wang Fang', 'Zhao Lei']) {
      const created = await api.call<Answer>('POST', '/residents', {
        token: admin,
        body: { name, householdId: 'H-1', phone: '13800000000' },
      });
      expect(created.status).toBe(201);
      residentId = created.body.id;
      position = created.body.position;
    }
  });
  afterAll(async () => api?.close());

  const expectProblem = (answer: { status: number; headers: Headers }, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  };

  describe('no 5xx from malformed requests', () => {
    it('GET /residents/%zz answers 400 problem+json, and so does every templated route with a bad escape', async () => {
      expectProblem(await api.call('GET', '/residents/%zz'), 400);
      const templated = routes.filter((route) => route.path.includes('{'));
      expect(templated.length).toBeGreaterThan(20);
      for (const route of templated) {
        const path = route.path.replace(/\{\w+\}/g, '%zz');
        const answer = await api.call(route.method, path, {
          token: admin,
          body: route.method === 'POST' ? {} : undefined,
        });
        expect(answer.status, `${route.method} ${path}`).toBe(400);
        expect(answer.body, `${route.method} ${path}`).toMatchObject({ code: 'invalid-path' });
      }
      // Half an escape, and an escape of half a UTF-8 character.
      expectProblem(await api.call('GET', '/residents/%E0%A4', { token: admin }), 400);
      expectProblem(await api.call('GET', '/residents/abc%', { token: admin }), 400);
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', '..%2Fpackage.json'])(
      'GET /docs/assets/%s answers 404, not a lookup on Object.prototype',
      async (file) => {
        expectProblem(await api.call('GET', `/docs/assets/${file}`), 404);
      },
    );

    it('a tampered list cursor (base64url of {"gsi1pk":"demo#residents"}) answers 400 invalid-cursor', async () => {
      const first = await api.call<Answer>('GET', '/residents?limit=1', { token: admin });
      expect(first.status).toBe(200);
      const cursor = first.body.nextCursor!;
      expect(typeof cursor).toBe('string');
      const real = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
      const tampered = [
        { gsi1pk: 'demo#residents' },
        { ...real, sk: 42 },
        { ...real, pk: '' },
        { ...real, extra: 'x' },
        { ...real, gsi1pk: 'other#residents' },
        { ...real, gsi1sk: { S: 'x' } },
        [real],
        'demo#residents',
        null,
      ];
      for (const value of tampered) {
        const answer = await api.call('GET', `/residents?limit=1&cursor=${base64url(value)}`, {
          token: admin,
        });
        expect(answer.status, JSON.stringify(value)).toBe(400);
        expect(answer.body, JSON.stringify(value)).toMatchObject({ code: 'invalid-cursor' });
      }
      const next = await api.call('GET', `/residents?limit=1&cursor=${cursor}`, { token: admin });
      expect(next.status).toBe(200);
    });

    it('GET /audit/events?after=ZZZZZZZZZZZZZZZZZZZZZZZZZZ (a ULID past its time range) answers 400', async () => {
      const auditor = await api.token('auditor');
      const answer = await api.call('GET', '/audit/events?after=ZZZZZZZZZZZZZZZZZZZZZZZZZZ', {
        token: auditor,
      });
      expectProblem(answer, 400);
      const fine = await api.call('GET', '/audit/events?after=01ARZ3NDEKTSV4RRFFQ69G5FAV', {
        token: auditor,
      });
      expect(fine.status, fine.text).toBe(200);
      // Past the year 9999 the history's months cannot be named (the read stepped through them without end).
      const farFuture = await api.call('GET', '/audit/events?after=7MKKSN8MN1ZC7KMZRKKAK3NWMJ', {
        token: auditor,
      });
      expectProblem(farFuture, 400);
    });
  });

  describe('a body two readers could read differently is refused, and nothing is written (issue 27)', () => {
    const enrol = (rawBody: string, contentType = 'application/json') =>
      api.call('POST', '/residents', { token: admin, rawBody, headers: { 'content-type': contentType } });

    it('a repeated key, at any depth, answers 400 malformed-json naming it', async () => {
      const before = await commitCount(api);
      const top = await enrol('{"name":"Li Wei","householdId":"H-2","name":"Someone Else"}');
      expectProblem(top, 400);
      expect(top.body).toMatchObject({ code: 'malformed-json', detail: expect.stringContaining('name') });
      const escaped = await enrol('{"name":"Li Wei","householdId":"H-2","na\\u006de":"X"}');
      expectProblem(escaped, 400);
      const deep = await api.call('POST', '/plans', {
        token: admin,
        rawBody: '{"communityName":"C","year":2026,"title":"T","leader":{"name":"A","name":"B"}}',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(deep, 400);
      expect(deep.body).toMatchObject({
        code: 'malformed-json',
        detail: expect.stringContaining('leader.name'),
      });
      expect(await commitCount(api)).toBe(before);
      // The same keys in sibling objects are not repeats.
      const fine = await enrol('{"name":"Li Wei","householdId":"H-2","phone":"13800000000"}');
      expect(fine.status, fine.text).toBe(201);
    });

    it('a byte-order mark answers 400, a charset other than UTF-8 answers 415', async () => {
      const before = await commitCount(api);
      expectProblem(await enrol('\uFEFF{"name":"Li Wei","householdId":"H-2"}'), 400);
      const utf16 = await enrol('{"name":"Li Wei","householdId":"H-2"}', 'application/json; charset=utf-16');
      expectProblem(utf16, 415);
      expectProblem(
        await enrol('{"name":"Li Wei","householdId":"H-2"}', 'application/json; charset="latin1"'),
        415,
      );
      expect(await commitCount(api)).toBe(before);
      const utf8 = await enrol('{"name":"Li Wei","householdId":"H-2"}', 'application/json; charset=UTF-8');
      expect(utf8.status, utf8.text).toBe(201);
    });

    it('a command that takes no body answers 400 to any body but none or {}', async () => {
      const auditor = await api.token('auditor');
      const before = await commitCount(api);
      for (const rawBody of ['{"residentId":"x"}', '[]', '"x"', 'null', 'x'.repeat(2000), '{"a":1}']) {
        const answer = await api.call('POST', '/audit/digests', {
          token: auditor,
          rawBody,
          headers: { 'content-type': 'application/json' },
        });
        expect(answer.status, rawBody.slice(0, 40)).toBe(400);
      }
      expect(await commitCount(api)).toBe(before);
      for (const rawBody of [undefined, '{}', ' { } ']) {
        const answer = await api.call('POST', '/audit/digests', {
          token: auditor,
          rawBody,
          headers: rawBody === undefined ? {} : { 'content-type': 'application/json' },
        });
        expect(answer.status, `${rawBody}: ${answer.text}`).toBe(200);
      }
    });
  });

  describe('tenant-safe claims', () => {
    it.each(['demo#K', 'Demo', '-demo', '', 'a'.repeat(64), 'demo\u0000', 'démo'])(
      'tenant aliasing: a community claim %j outside ^[a-z0-9][a-z0-9-]{0,62}$ is refused with 401',
      async (community) => {
        const token = await signDevToken(api.runtime.secret, { roles: ['admin'], sub: 'admin-1', community });
        const before = await commitCount(api);
        const answer = await api.call('POST', '/residents', {
          token,
          body: { name: 'Alias', householdId: 'H-A' },
          headers: { 'idempotency-key': 'x' },
        });
        expectProblem(answer, 401);
        expect(await commitCount(api)).toBe(before);
      },
    );

    it('a token without exp is refused with 401', async () => {
      const token = await new SignJWT({ roles: ['admin'], community: 'demo' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('admin-1')
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .sign(new TextEncoder().encode(api.runtime.secret));
      expectProblem(await api.call('GET', '/residents', { token }), 401);
    });

    it('a token issued more than 60 s ahead is refused with 401, one issued 30 s ahead is let in (issue 27)', async () => {
      const issuedIn = (seconds: number) =>
        new SignJWT({ roles: ['admin'], community: 'demo' })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setSubject('admin-1')
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setIssuedAt(Math.floor(Date.now() / 1000) + seconds)
          .setExpirationTime('2h')
          .sign(new TextEncoder().encode(api.runtime.secret));
      expectProblem(await api.call('GET', '/residents', { token: await issuedIn(86_400) }), 401);
      expect((await api.call('GET', '/residents', { token: await issuedIn(30) })).status).toBe(200);
    });

    it('"__proto__" inside scores is refused with 400 instead of being silently dropped', async () => {
      const judge = await api.token('judge');
      const answer = await api.call('POST', `/nominations/${residentId}/scores`, {
        token: judge,
        rawBody: '{"scores":{"__proto__":5,"virtue":7}}',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(answer, 400);
      expect(answer.body).toMatchObject({
        code: 'validation-failed',
        errors: [{ path: 'body.scores.__proto__' }],
      });
    });
  });

  describe('HTTP hygiene', () => {
    it('every answer carries X-Content-Type-Options: nosniff, and answers to authenticated requests Cache-Control: no-store', async () => {
      const answers = {
        openapi: await api.call('GET', '/openapi.json'),
        resident: await api.call('GET', `/residents/${residentId}`, { token: admin }),
        created: await api.call('POST', '/residents', {
          token: admin,
          body: { name: 'Sun Li', householdId: 'H-2' },
        }),
        invalid: await api.call('POST', '/residents', { token: admin, body: {} }),
        anonymous: await api.call('GET', `/residents/${residentId}`),
        unknown: await api.call('GET', '/nowhere'),
        wrongMethod: await api.call('DELETE', '/residents'),
      };
      for (const [name, answer] of Object.entries(answers)) {
        expect(answer.headers.get('x-content-type-options'), name).toBe('nosniff');
        expect(answer.headers.get('content-security-policy'), name).toContain("frame-ancestors 'none'");
      }
      for (const name of ['resident', 'created', 'invalid', 'anonymous'] as const) {
        expect(answers[name].headers.get('cache-control'), name).toBe('no-store');
      }
      expect(answers.openapi.headers.get('cache-control')).toBe('public, max-age=60');
      // An Idempotency-Key replay answers before the handler runs (middy skips every `after`): still covered.
      const once = {
        token: admin,
        body: { name: 'Qian Yu', householdId: 'H-3' },
        headers: { 'idempotency-key': 'hygiene-1' },
      };
      expect((await api.call('POST', '/residents', once)).status).toBe(201);
      const replay = await api.call('POST', '/residents', once);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.headers.get('x-content-type-options')).toBe('nosniff');
      expect(replay.headers.get('cache-control')).toBe('no-store');
    });

    it('/docs carries a CSP that lets only its own scripts and styles run', async () => {
      const page = await api.call('GET', '/docs');
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('a preflight from the dev server opened by address (127.0.0.1:5173) is allowed as by name (issue 25)', async () => {
      const preflight = await fetch(`${api.url}/residents`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    });

    it('an OPTIONS preflight from an allowed origin answers 204 with the CORS headers instead of 405', async () => {
      const preflight = await fetch(`${api.url}/residents`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('idempotency-key');
      expect(preflight.headers.get('vary')).toContain('Origin');

      const simple = await fetch(`${api.url}/residents`, {
        headers: { origin: 'http://localhost:5173', authorization: `Bearer ${admin}` },
      });
      expect(simple.status).toBe(200);
      expect(simple.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(simple.headers.get('access-control-expose-headers')).toContain('x-correlation-id');

      const foreign = await fetch(`${api.url}/residents`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('an anonymous POST announcing a 5 MB body is refused with 401 before its body is read', async () => {
      const before = await commitCount(api);
      const { host } = new URL(api.url);
      const { answer, socket } = await rawExchange(
        api.url,
        `POST /residents HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 5000000\r\n\r\n{"name":`,
        1_000,
      );
      socket.destroy();
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer.toLowerCase()).toContain('content-type: application/problem+json');
      expect(await commitCount(api)).toBe(before);
    });

    it('a body announced over the size limit is refused with 413 without being read', async () => {
      const { host } = new URL(api.url);
      const { answer, socket } = await rawExchange(
        api.url,
        `POST /residents HTTP/1.1\r\nhost: ${host}\r\nauthorization: Bearer ${admin}\r\ncontent-type: application/json\r\ncontent-length: 7000000\r\n\r\n`,
        1_000,
      );
      socket.destroy();
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    });

    it('a made-up consistentWith answers 400 at once instead of holding the request 5 s', async () => {
      const madeUp = [
        encodePosition({ streamId: `demo#resident#${'0'.repeat(26)}`, version: 1 }),
        encodePosition({ streamId: `demo#resident#${residentId}`, version: 99 }),
        encodePosition({ streamId: `other#resident#${residentId}`, version: 1 }),
        encodePosition({ streamId: 'demo', version: 1 }),
        encodePosition({ streamId: `demo#resident#${residentId}`, version: -1 }),
        base64url(['demo#resident#x', 1.5]),
        'not-a-position',
      ];
      for (const token of madeUp) {
        const started = Date.now();
        const answer = await api.call('GET', `/residents?consistentWith=${token}`, { token: admin });
        expect(answer.status, token).toBe(400);
        expect(answer.body, token).toMatchObject({ code: 'invalid-position' });
        expect(Date.now() - started, token).toBeLessThan(1_000);
      }
      const real = await api.call('GET', `/residents?consistentWith=${position}`, { token: admin });
      expect(real.status).toBe(200);
    });
  });
});
