/**
 * The three headers README promises on every answer (errors and Idempotency-Key replays included),
 * written out here rather than imported from the middleware that sets them.
 */
export const promisedSecurityHeaders = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** The promised headers as an answer carries them (null where one is missing). */
export const promisedHeadersOf = (answer: { headers: Headers }): Record<string, string | null> =>
  Object.fromEntries(Object.keys(promisedSecurityHeaders).map((name) => [name, answer.headers.get(name)]));
