import type { Logger } from '@aws-lambda-powertools/logger';
import type { HttpMiddleware } from './context.js';
import { problemFor, problemResponse } from './problem.js';

/** The single error mapper: every failure leaves as problem+json; only 5xx are logged with their cause. */
export function errorMapper(logger: Logger): HttpMiddleware {
  return {
    onError: (request) => {
      const p = problemFor(request.error);
      if (p.status >= 500) logger.error('request failed', { error: request.error as Error });
      else logger.info('request refused', { status: p.status, code: p.code });
      const correlationId = request.context.ledger?.correlationId;
      const headers: Record<string, string> = correlationId ? { 'x-correlation-id': correlationId } : {};
      if (p.status === 405 && Array.isArray(p.allowed)) headers.allow = (p.allowed as string[]).join(', ');
      if (p.status === 503) headers['retry-after'] = '1';
      if (p.status === 401) headers['www-authenticate'] = 'Bearer';
      request.response = problemResponse(p, headers);
    },
  };
}
