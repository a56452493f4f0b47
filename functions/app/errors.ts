/**
 * Refusals that come from the application around the domain (versions, races, idempotency),
 * not from a domain rule. Each carries the HTTP status it means; one mapper renders all of them.
 */
export class ApplicationError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 503,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApplicationError';
  }
}

export const appErrors = {
  versionMismatch: (streamId: string, expected: number, actual: number) =>
    new ApplicationError(
      412,
      'version-mismatch',
      `expected version ${expected}, the stream is at ${actual}`,
      {
        streamId,
        currentVersion: actual,
      },
    ),
  contention: (streamId: string) =>
    new ApplicationError(409, 'concurrent-update', `too many concurrent changes to ${streamId}; try again`),
  claimExpired: () =>
    new ApplicationError(
      503,
      'idempotent-request-timed-out',
      'the request ran out of time before it could be recorded; retry it with the same Idempotency-Key',
    ),
  notFound: (what: string) => new ApplicationError(404, 'not-found', `${what} was not found`),
};
