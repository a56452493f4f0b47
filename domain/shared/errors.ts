/**
 * How a rule's refusal reads to the outside world; one mapper turns it into an HTTP status.
 * - conflict: the command contradicts current state ("activity is cancelled")
 * - not-found: the command names something that does not exist
 * - invalid: the input is well-formed but breaks a rule of the plan ("window outside the plan's year")
 */
export type DomainErrorCategory = 'conflict' | 'not-found' | 'invalid';

/** A refused command, as a value: deciders return it, they never throw it. */
export interface DomainError<Code extends string = string> {
  readonly kind: 'domain-error';
  readonly code: Code;
  readonly category: DomainErrorCategory;
  readonly detail: string;
}

export function domainError<Code extends string>(
  code: Code,
  category: DomainErrorCategory,
  detail: string,
): DomainError<Code> {
  return { kind: 'domain-error', code, category, detail };
}

export function isDomainError(value: unknown): value is DomainError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'domain-error';
}
