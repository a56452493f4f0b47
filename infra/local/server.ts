import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApplicationError } from '../../functions/app/errors.js';
import type { Authenticator } from '../../functions/http/authenticator.js';
import {
  corsHeaders,
  isPreflight,
  parseAllowedOrigins,
  preflightHeaders,
} from '../../functions/http/cors.js';
import { problem, problemResponse } from '../../functions/http/middleware/problem.js';
import { secureHeaders } from '../../functions/http/middleware/security-headers.js';
import type { HttpHandler } from '../../functions/http/pipeline.js';
import type { Route } from '../../functions/http/route.js';
import { Router } from '../../functions/http/router.js';
import { headersOf, lambdaContext, toApiGatewayEvent } from './api-gateway-event.js';

export interface ApiFunctions {
  readonly commands: HttpHandler;
  readonly queries: HttpHandler;
}

export interface LocalServerOptions {
  /**
   * Checks a caller's token before their body is read (API Gateway's authorizer runs before the
   * integration too). Without it only the token's shape and expiry are checked up front; the
   * function verifies it fully either way.
   */
  readonly authenticator?: Authenticator;
  /** Origins browsers may call from (CORS); default `ALLOWED_ORIGINS`, else the Vite dev server on localhost and 127.0.0.1. */
  readonly allowedOrigins?: readonly string[];
  /** Requests larger than API Gateway's payload limit are refused the way it would refuse them. */
  readonly maxBodyBytes?: number;
  /** How long a client may take to send its headers, and its whole request. */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** Slow-header clients are cut off after this; Node's default (60 s, checked every 30 s) held them 75 s+. */
const HEADERS_TIMEOUT_MS = 10_000;
/** API Gateway gives up on an integration after 30 s; a client gets no longer to send its request. */
const REQUEST_TIMEOUT_MS = 30_000;
/** API Gateway's limit on a request's headers is 10 KB; Node's own default is the same order. */
const MAX_HEADER_BYTES = 16 * 1024;

type Headers = Readonly<Record<string, string | undefined>>;

/** Reads the body up to `limit` bytes; `undefined` once it goes past (the rest is left unread). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const announcesBody = (headers: Headers) =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * Without the signing key the server can still refuse what no key would accept: no bearer token, a
 * token that is not a JWT, or one whose `exp` is missing or past. The function verifies the rest.
 */
const shapedLikeAValidToken: Authenticator = {
  async authenticate(event) {
    const token = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(event.headers.authorization ?? '');
    if (!token) throw new ApplicationError('unauthenticated', 'unauthorized', 'missing bearer token');
    let exp: unknown;
    try {
      exp = JSON.parse(Buffer.from(token[2]!, 'base64url').toString('utf8'))?.exp;
    } catch {
      exp = undefined;
    }
    if (typeof exp !== 'number' || exp * 1000 <= Date.now())
      throw new ApplicationError('unauthenticated', 'unauthorized', 'invalid or expired bearer token');
    return { sub: '', roles: [], community: '' }; // a gate only: the function finds the principal
  },
};

function send(
  response: ServerResponse,
  result: APIGatewayProxyResultV2,
  extraHeaders: Record<string, string>,
): void {
  const structured = typeof result === 'string' ? { statusCode: 200, body: result } : result;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) {
    // API Gateway answers CORS itself and drops what an integration says about it.
    if (!name.toLowerCase().startsWith('access-control-')) headers[name.toLowerCase()] = String(value);
  }
  const body = structured.body ?? '';
  response
    .writeHead(structured.statusCode ?? 200, { ...headers, ...extraHeaders })
    .end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/** The caller's correlation id when it is one the functions would accept too, else a new one. */
const correlationIdOf = (headers: Headers) => {
  const given = headers['x-correlation-id'];
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
};

/** An answer the server gives itself (API Gateway's own refusals), with the headers every answer has. */
function refusal(
  status: number,
  code: string,
  detail: string,
  headers: Record<string, string>,
): APIGatewayProxyStructuredResultV2 {
  return {
    ...problemResponse(problem(status, code, detail)),
    headers: secureHeaders({ 'content-type': 'application/problem+json', ...headers }, { public: false }),
  };
}

/**
 * The local API Gateway: each request becomes the v2 event the deployed API would send, and goes to
 * the function its route belongs to (commands or queries), exactly as the CDK routes do. Like API
 * Gateway it answers CORS preflights, limits how long a client may take and how much it may send,
 * and turns away an anonymous caller before reading what they send.
 */
export function createLocalServer(
  routes: readonly Route[],
  functions: ApiFunctions,
  options: LocalServerOptions = {},
): Server {
  const router = new Router(routes);
  const allowedOrigins = options.allowedOrigins ?? parseAllowedOrigins(process.env.ALLOWED_ORIGINS);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const authenticator = options.authenticator ?? shapedLikeAValidToken;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
      // Node enforces both timeouts only when it checks (every 30 s by default).
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeout / 2))),
      maxHeaderSize: MAX_HEADER_BYTES,
    },
    async (request, response) => {
      const headers = headersOf(request);
      const cors = corsHeaders(allowedOrigins, headers.origin);
      const correlation = { 'x-correlation-id': correlationIdOf(headers) };
      // An answer given before the body was read: close the connection rather than read it to keep it.
      const sendUnread = (result: APIGatewayProxyResultV2) =>
        send(response, result, announcesBody(headers) ? { ...cors, connection: 'close' } : cors);
      try {
        const method = (request.method ?? 'GET').toUpperCase();
        if (isPreflight(method, headers)) {
          response
            .writeHead(
              204,
              secureHeaders(
                { ...preflightHeaders(allowedOrigins, headers), ...correlation },
                { public: true },
              ),
            )
            .end();
          return;
        }
        const declared = Number(headers['content-length'] ?? 0);
        if (declared > maxBodyBytes) {
          sendUnread(
            refusal(413, 'payload-too-large', `request body over ${maxBodyBytes} bytes`, correlation),
          );
          return;
        }
        const url = new URL(request.url ?? '/', 'http://localhost');
        const match = router.match(method, url.pathname);
        const route = match && 'route' in match ? match.route : undefined;
        const name = route?.kind === 'command' ? 'commands' : 'queries';
        const invoke = (body: Buffer) =>
          functions[name](toApiGatewayEvent(request, body), lambdaContext(name));
        // Only a command gets its body read, and only once its caller is known; API Gateway hands a
        // function whatever body came, so a command that takes none still sees it, and refuses it.
        if (route?.kind !== 'command' || !announcesBody(headers)) {
          sendUnread(await invoke(Buffer.alloc(0)));
          return;
        }
        try {
          await authenticator.authenticate(toApiGatewayEvent(request, Buffer.alloc(0)));
        } catch (error) {
          const detail = error instanceof ApplicationError ? error.detail : 'missing or invalid bearer token';
          sendUnread(refusal(401, 'unauthorized', detail, { ...correlation, 'www-authenticate': 'Bearer' }));
          return;
        }
        const body = await readBody(request, maxBodyBytes);
        if (!body) {
          // The rest of the body is still coming: answer, then close instead of reading it.
          send(
            response,
            refusal(413, 'payload-too-large', `request body over ${maxBodyBytes} bytes`, correlation),
            {
              ...cors,
              connection: 'close',
            },
          );
          return;
        }
        send(response, await invoke(body), cors);
      } catch {
        send(response, refusal(500, 'internal-error', 'local server failure', correlation), cors);
      }
    },
  );
  return server;
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}
