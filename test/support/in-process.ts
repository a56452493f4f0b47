import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { Router } from '../../functions/http/router.js';
import { routes } from '../../functions/http/routes/index.js';
import type { LocalRuntime } from '../../infra/local/runtime.js';

/** One HTTP request as API Gateway would hand it on: the path still percent-encoded, the query decoded. */
export interface RawRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

export interface InProcessAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  readonly json: unknown;
}

function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function apiGatewayEvent(request: RawRequest): APIGatewayProxyEventV2 {
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const query = request.query && Object.keys(request.query).length > 0 ? { ...request.query } : undefined;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.rawPath,
    rawQueryString: new URLSearchParams(query ?? {}).toString(),
    headers,
    queryStringParameters: query,
    body: request.body,
    isBase64Encoded: request.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'in-process',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

/**
 * Calls the runtime's HTTP functions directly, no socket in between: the function a request goes to
 * is chosen from the route table as the local server and the CDK routes choose it.
 */
export function inProcessClient(runtime: LocalRuntime) {
  const router = new Router(routes);
  return async function invoke(request: RawRequest): Promise<InProcessAnswer> {
    const match = router.match(request.method.toUpperCase(), request.rawPath);
    const name = match && 'route' in match && match.route.kind === 'command' ? 'commands' : 'queries';
    const result = await runtime.handlers[name](apiGatewayEvent(request), lambdaContext(name));
    const structured: APIGatewayProxyStructuredResultV2 =
      typeof result === 'string' ? { statusCode: 200, body: result } : result;
    const headers = Object.fromEntries(
      Object.entries(structured.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    const body = structured.body ?? '';
    let json: unknown;
    if (/json/.test(headers['content-type'] ?? '')) {
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
    }
    return { status: structured.statusCode ?? 200, headers, body, json };
  };
}
