import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { HttpHandler } from '../../functions/http/pipeline.js';
import type { Route } from '../../functions/http/route.js';
import { Router } from '../../functions/http/router.js';

export interface ApiFunctions {
  readonly commands: HttpHandler;
  readonly queries: HttpHandler;
}

/** Requests larger than API Gateway's payload limit are refused the way it would refuse them. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

function lambdaContext(functionName: string): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Turns a Node request into the API Gateway HTTP API (payload 2.0) event the deployed functions receive. */
export function toApiGatewayEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const method = (request.method ?? 'GET').toUpperCase();
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    body: body.length > 0 ? body.toString('utf8') : undefined,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result === 'string') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(result);
    return;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  const body = result.body ?? '';
  response
    .writeHead(result.statusCode ?? 200, headers)
    .end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/**
 * The local API Gateway: each request becomes the v2 event the deployed API would send, and goes to
 * the function its route belongs to (commands or queries), exactly as the CDK routes do.
 */
export function createLocalServer(routes: readonly Route[], functions: ApiFunctions): Server {
  const router = new Router(routes);
  return createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      if (!body) {
        response.writeHead(413, { 'content-type': 'application/problem+json' });
        response.end(
          JSON.stringify({
            type: '/problems/payload-too-large',
            title: 'Content Too Large',
            status: 413,
            detail: 'request body over 6 MB',
          }),
        );
        return;
      }
      const event = toApiGatewayEvent(request, body);
      const match = router.match(event.requestContext.http.method, event.rawPath);
      const isCommand = match !== undefined && 'route' in match && match.route.kind === 'command';
      const result = isCommand
        ? await functions.commands(event, lambdaContext('commands'))
        : await functions.queries(event, lambdaContext('queries'));
      send(response, result);
    } catch {
      response.writeHead(500, { 'content-type': 'application/problem+json' });
      response.end(
        JSON.stringify({
          type: '/problems/internal-error',
          title: 'Internal Server Error',
          status: 500,
          detail: 'local server failure',
        }),
      );
    }
  });
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}
