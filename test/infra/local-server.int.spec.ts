import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationError } from '../../functions/app/errors.js';
import type { HttpHandler } from '../../functions/http/pipeline.js';
import { routes } from '../../functions/http/routes/index.js';
import { createLocalServer, listen } from '../../infra/local/server.js';

/** Stands in for both functions: says how many body bytes reached it. */
const received: HttpHandler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ bytes: event.body?.length ?? 0 }),
});
const functions = { commands: received, queries: received };

/** A token shaped like ours, with `exp` an hour away (the server checks no signature without a key). */
const shapedToken = () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`;
};

/** Opens a connection, writes `request`, and reports whether the server closed it within `ms`. */
function exchange(url: string, request: string, ms: number) {
  const { hostname, port } = new URL(url);
  return new Promise<{ answer: string; closedAfterMs: number | undefined }>((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let answer = '';
    let closedAfterMs: number | undefined;
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => {
      closedAfterMs = Date.now() - started;
    });
    socket.on('error', () => undefined);
    socket.write(request);
    setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedAfterMs });
    }, ms);
  });
}

describe('the local server limits what a client may hold and send (issue 14)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('by default a client gets at most 10 s for its headers and 30 s for its whole request', () => {
    server = createLocalServer(routes, functions);
    expect(server.headersTimeout).toBeGreaterThan(0);
    expect(server.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(server.requestTimeout).toBeGreaterThan(0);
    expect(server.requestTimeout).toBeLessThanOrEqual(30_000);
  });

  it('slow-header connections are cut off after the headers timeout, all of them', async () => {
    server = createLocalServer(routes, functions, { headersTimeoutMs: 300 });
    const url = await listen(server, 0);
    const slow = await Promise.all(
      Array.from({ length: 30 }, () =>
        exchange(url, 'GET /residents HTTP/1.1\r\nhost: x\r\nx-slow: ', 2_000),
      ),
    );
    for (const connection of slow) {
      expect(connection.closedAfterMs).toBeDefined();
      expect(connection.closedAfterMs!).toBeLessThan(1_500);
    }
  });

  it('a body sent too slowly is cut off after the request timeout', async () => {
    server = createLocalServer(routes, functions, { headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const url = await listen(server, 0);
    const { closedAfterMs } = await exchange(
      url,
      `POST /residents HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${shapedToken()}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"name":`,
      2_500,
    );
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeLessThan(2_000);
  });

  it('an anonymous chunked body is refused with 401 before any of it is read', async () => {
    server = createLocalServer(routes, functions);
    const url = await listen(server, 0);
    const { answer } = await exchange(
      url,
      'POST /residents HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{"a"\r\n',
      500,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.toLowerCase()).toContain('www-authenticate: bearer');
    expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(answer.toLowerCase()).toMatch(/x-correlation-id: [\w-]+/);
  });

  it('with an authenticator, a forged token is refused before its body is read', async () => {
    const authenticator = {
      async authenticate(): Promise<never> {
        throw new ApplicationError('unauthenticated', 'unauthorized', 'invalid or expired bearer token');
      },
    };
    server = createLocalServer(routes, functions, { authenticator });
    const url = await listen(server, 0);
    const { answer } = await exchange(
      url,
      `POST /residents HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${shapedToken()}\r\ncontent-type: application/json\r\ncontent-length: 4000000\r\n\r\n`,
      500,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('a body that grows past the limit while it is read is refused with 413', async () => {
    server = createLocalServer(routes, functions, { maxBodyBytes: 1_000 });
    const url = await listen(server, 0);
    const chunk = 'x'.repeat(600);
    const { answer } = await exchange(
      url,
      `POST /residents HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${shapedToken()}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n258\r\n${chunk}\r\n258\r\n${chunk}\r\n`,
      500,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('an authenticated body within the limit reaches the function whole', async () => {
    server = createLocalServer(routes, functions);
    const url = await listen(server, 0);
    const body = JSON.stringify({ name: 'Li', householdId: 'H' });
    const answer = await fetch(`${url}/residents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shapedToken()}`, 'content-type': 'application/json' },
      body,
    });
    expect(await answer.json()).toEqual({ bytes: body.length });
  });
});
