import type { DomainError } from '../../domain/shared/errors.js';

/**
 * What kind of refusal an application error is, in the application's words. The HTTP layer (one
 * module: functions/http/middleware/problem.ts) decides which status each kind answers.
 */
export type RefusalKind =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'precondition-failed'
  | 'too-large'
  | 'unsupported-media-type'
  | 'unprocessable'
  | 'unavailable'
  | 'internal';

/** A refusal as data: what crosses a function boundary (the mailer's answer) and what the mapper reads. */
export interface Refusal {
  readonly kind: RefusalKind;
  readonly code: string;
  readonly detail: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * Refusals that come from the application around the domain (versions, races, idempotency, access),
 * not from a domain rule.
 */
export class ApplicationError extends Error {
  constructor(
    readonly kind: Exclude<RefusalKind, 'internal'>,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApplicationError';
  }
}

/** A domain refusal on its way out of a use case: the error value, carried as an exception. */
export class DomainRefusal extends Error {
  constructor(readonly error: DomainError) {
    super(error.detail);
    this.name = 'DomainRefusal';
  }
}

/** A refusal another function decided (the mailer's answer to a send), passed on unchanged. */
export class ForwardedRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
    this.name = 'ForwardedRefusal';
  }
}

const domainKind: Record<DomainError['category'], RefusalKind> = {
  conflict: 'conflict',
  'not-found': 'not-found',
  invalid: 'invalid-input',
};

/** The refusal an error stands for, or undefined for a failure nobody decided (a bug, an outage). */
export function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof ApplicationError)
    return { kind: error.kind, code: error.code, detail: error.detail, extra: error.extra };
  if (error instanceof DomainRefusal)
    return { kind: domainKind[error.error.category], code: error.error.code, detail: error.error.detail };
  if (error instanceof ForwardedRefusal) return error.refusal;
  return undefined;
}

export const appErrors = {
  versionMismatch: (streamId: string, expected: number, actual: number) =>
    new ApplicationError(
      'precondition-failed',
      'version-mismatch',
      `expected version ${expected}, the stream is at ${actual}`,
      { streamId, currentVersion: actual },
    ),
  contention: (streamId: string) =>
    new ApplicationError(
      'conflict',
      'concurrent-update',
      `too many concurrent changes to ${streamId}; try again`,
    ),
  claimExpired: () =>
    new ApplicationError(
      'unavailable',
      'idempotent-request-timed-out',
      'the request ran out of time before it could be recorded; retry it with the same Idempotency-Key',
    ),
  notFound: (what: string) => new ApplicationError('not-found', 'not-found', `${what} was not found`),
};
