import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { LedgerContext } from './context.js';
import { problem, problemResponse } from './problem.js';

/**
 * JSON and other data answers are never meant to be rendered: a browser that opens one runs nothing,
 * loads nothing and lets no page frame it (OWASP's REST advice).
 */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HTML we render ourselves (reports) is tables with inline styles: styles may apply, nothing else may. */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The same set helmet (and `@middy/http-security-headers`) would give, minus what browsers retired. */
const alwaysHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

export interface AnswerKind {
  /**
   * A public answer (docs, OpenAPI) may keep the caching it asked for; every other answer may hold
   * personal data, or tell who may see what, and is never stored by a browser or a proxy.
   */
  readonly public: boolean;
}

const lowerCased = (headers: Readonly<Record<string, unknown>> | undefined) =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name.toLowerCase(), String(value)]),
  ) as Record<string, string>;

/** The headers every answer leaves with, from the Lambda functions and from the local server alike. */
export function secureHeaders(
  headers: Readonly<Record<string, unknown>> | undefined,
  kind: AnswerKind,
): Record<string, string> {
  const answer = lowerCased(headers);
  const contentType = answer['content-type'] ?? '';
  answer['content-security-policy'] ??= contentType.startsWith('text/html') ? HTML_CSP : DATA_CSP;
  if (!kind.public || answer['cache-control'] === undefined) answer['cache-control'] = 'no-store';
  return { ...answer, ...alwaysHeaders };
}

function secured(
  result: APIGatewayProxyStructuredResultV2,
  kind: AnswerKind,
): APIGatewayProxyStructuredResultV2 {
  return { ...result, headers: secureHeaders(result.headers, kind) };
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/**
 * Wraps the whole middy stack, not one middleware in it: an Idempotency-Key replay answers from a
 * `before` (middy then skips every `after`), and an error raised inside another middleware's
 * `onError` bypasses the error mapper. Whatever way an answer leaves, it leaves with these headers;
 * a failure nothing answered becomes a 500 problem rather than API Gateway's bare 502.
 */
export function withSecurityHeaders(handler: Handler, logger: Logger): Handler {
  return async (event, context) => {
    const kindOf = (): AnswerKind => ({
      public: (context as Partial<LedgerContext>).ledger?.match?.route.kind === 'public',
    });
    try {
      const result = await handler(event, context);
      const structured: APIGatewayProxyStructuredResultV2 =
        typeof result === 'string' ? { statusCode: 200, body: result } : result;
      return secured(structured, kindOf());
    } catch (error) {
      logger.error('request failed outside the error mapper', { error: error as Error });
      const correlationId = (context as Partial<LedgerContext>).ledger?.correlationId;
      return secured(
        problemResponse(
          problem(500, 'internal-error', 'something went wrong on our side; the request may be retried'),
          correlationId ? { 'x-correlation-id': correlationId } : {},
        ),
        { public: false },
      );
    }
  };
}
