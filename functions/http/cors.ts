/**
 * Which browsers may call the API from another origin, in one place: the CDK app gives it to API
 * Gateway (which answers preflights and adds the headers itself, ignoring any a function sets), and
 * the local server, which stands in for API Gateway, applies the same rules.
 */
export const corsPolicy = {
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-correlation-id'],
  exposeHeaders: ['etag', 'x-correlation-id', 'idempotent-replayed', 'retry-after'],
  maxAgeSeconds: 3600,
} as const;

/**
 * The local front-end's dev server (Vite's default port), allowed unless `ALLOWED_ORIGINS` says
 * otherwise: by name and by address, since a browser sends the origin as the address bar reads and
 * the same dev server is opened either way.
 */
export const DEFAULT_LOCAL_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'] as const;

/**
 * `ALLOWED_ORIGINS=https://a.example,https://b.example`; never `*` (answers carry personal data). Each
 * entry is an origin matched whole and exactly (no prefix, no substring, no pattern): a browser's
 * `Origin` is allowed only when it equals one of them.
 */
export function parseAllowedOrigins(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === '') return DEFAULT_LOCAL_ORIGINS;
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (origin === '*' || !/^https?:\/\/[^/\s]+$/.test(origin))
      throw new Error(`ALLOWED_ORIGINS: ${origin} is not an origin like https://app.example.org`);
  }
  return origins;
}

/** A preflight: the browser asks before sending a request with a method or headers it must clear. */
export function isPreflight(method: string, headers: Readonly<Record<string, string | undefined>>): boolean {
  return (
    method === 'OPTIONS' &&
    headers.origin !== undefined &&
    headers['access-control-request-method'] !== undefined
  );
}

/** The headers API Gateway answers a preflight with; none for an origin that is not allowed. */
export function preflightHeaders(
  allowedOrigins: readonly string[],
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const origin = headers.origin;
  if (origin === undefined || !allowedOrigins.includes(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': corsPolicy.allowMethods.join(','),
    'access-control-allow-headers': corsPolicy.allowHeaders.join(','),
    'access-control-max-age': String(corsPolicy.maxAgeSeconds),
    vary: 'Origin',
  };
}

/** The headers added to an actual answer for a caller from an allowed origin. */
export function corsHeaders(
  allowedOrigins: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  if (origin === undefined || !allowedOrigins.includes(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': corsPolicy.exposeHeaders.join(','),
    vary: 'Origin',
  };
}
