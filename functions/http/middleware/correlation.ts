import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type HttpMiddleware, header } from './context.js';

/** Every log line and every answer carries one correlation id: the caller's, or API Gateway's request id. */
export function correlation(logger: Logger): HttpMiddleware {
  return {
    before: (request) => {
      const given = header(request.event, 'x-correlation-id');
      const correlationId =
        given && /^[\w.:-]{1,128}$/.test(given)
          ? given
          : (request.event.requestContext?.requestId ?? randomUUID());
      request.context.ledger = { correlationId };
      logger.appendKeys({ correlationId });
    },
    after: (request) => {
      const response = request.response;
      if (response && typeof response === 'object') {
        response.headers = { ...response.headers, 'x-correlation-id': request.context.ledger.correlationId };
      }
    },
  };
}
