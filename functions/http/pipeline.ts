import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { requestIds } from '../app/idempotency.js';
import type { NoteWrite } from '../app/session-writes.js';
import type { HttpDependencies } from './dependencies.js';
import { countedAnswers } from './middleware/answer-metrics.js';
import { authentication } from './middleware/authentication.js';
import { consistency } from './middleware/consistency.js';
import type { LedgerContext } from './middleware/context.js';
import { header } from './middleware/context.js';
import { correlation } from './middleware/correlation.js';
import { errorMapper } from './middleware/error-mapper.js';
import { idempotency } from './middleware/idempotency.js';
import { requestParsing } from './middleware/request-parsing.js';
import { routing } from './middleware/routing.js';
import { withSecurityHeaders } from './middleware/security-headers.js';
import { sessionConsistency } from './middleware/session-consistency.js';
import type { Route, RouteResponse } from './route.js';
import { Router } from './router.js';

/** What Lambda (and the local server) invoke. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

/**
 * The shared middy stack every HTTP function is built from: correlation → error mapper → route →
 * auth → parse → read-your-writes → idempotency → the route's handler, inside the security headers
 * every answer leaves with.
 */
export function createHttpHandler(
  routes: readonly Route[],
  deps: HttpDependencies,
  serves: (route: Route) => boolean = () => true,
  /** Names this function's answer metrics (`CommandsRefused`…). */
  metricPrefix: 'Commands' | 'Queries' = 'Queries',
): HttpHandler {
  // The router knows every route, so a wrong method is a 405 that lists all allowed methods.
  const router = new Router(routes);
  const stack = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, LedgerContext>()
    .use(injectLambdaContext(deps.logger, { resetKeys: true }))
    .use(correlation(deps.logger))
    .use(errorMapper(deps.logger))
    .use(routing(router, serves))
    .use(authentication(deps.authenticator))
    .use(requestParsing())
    .use(consistency(deps.views, deps.events, deps.consistencyWaitMs))
    .use(sessionConsistency(deps.sessions, deps.views, deps.events, { waitMs: deps.consistencyWaitMs }))
    .use(idempotency(deps.idempotency, { ids: deps.ids, clock: deps.clock, crashHook: deps.crashHook }))
    .handler(async (event, context) => {
      const state = context.ledger;
      const { route } = state.match!;
      const input = state.input!;
      const principal = state.principal;
      const noted = new Set<string>();
      state.notedWrites = noted;
      const noteWrite: NoteWrite | undefined =
        route.kind === 'command' && principal
          ? (position) => {
              noted.add(`${position.streamId}@${position.version}`);
              return deps.sessions.record(principal, position);
            }
          : undefined;
      const run = () =>
        route.handle(
          {
            body: input.body,
            query: input.query,
            params: input.params,
            principal: state.principal!,
            headers: event.headers ?? {},
            correlationId: state.correlationId,
            expectedVersion: input.expectedVersion,
            idempotencyKey: header(event, 'idempotency-key'),
            idempotency: state.idempotency?.run,
            ids: requestIds(state.idempotency?.reservedId, () => deps.ids.next()),
            noteWrite,
          },
          deps,
        );
      const pending = state.idempotency?.pending;
      let result: RouteResponse;
      if (pending) {
        // Beside the claim: the claim decides whether what the handler did stands.
        const [ran, claim] = await Promise.allSettled([run(), pending]);
        if (claim.status === 'rejected') throw claim.reason;
        if (typeof claim.value === 'object') return claim.value;
        if (claim.value === 'taken-over') result = await run();
        else if (ran.status === 'rejected') throw ran.reason;
        else result = ran.value;
      } else result = await run();
      if (result.bytes !== undefined)
        return {
          statusCode: result.status,
          headers: {
            'content-type': route.response.contentType ?? 'application/octet-stream',
            ...result.headers,
          },
          body: Buffer.from(result.bytes).toString('base64'),
          isBase64Encoded: true,
        };
      const contentType =
        result.text !== undefined
          ? (route.response.contentType ?? 'text/plain; charset=utf-8')
          : 'application/json';
      return {
        statusCode: result.status,
        headers: { 'content-type': contentType, ...result.headers },
        body: result.text ?? (result.body === undefined ? '' : JSON.stringify(result.body)),
      };
    }) as unknown as HttpHandler;
  const secured = withSecurityHeaders(stack, deps.logger);
  return deps.metrics ? countedAnswers(secured, deps.metrics, metricPrefix) : secured;
}
