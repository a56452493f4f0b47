import type { DomainError } from './errors.js';

/** A decision: the events a command produces, or the rule it breaks. No events means "nothing to do". */
export type Decision<E> = readonly E[] | DomainError;

/**
 * An aggregate as two pure functions (emmett/fmodel style): `decide` never reads a clock, an id
 * generator or a database; whatever it needs arrives inside the command.
 */
export interface Decider<C, S, E> {
  readonly initialState: S;
  decide(command: C, state: S): Decision<E>;
  evolve(state: S, event: E): S;
}

export function fold<S, E>(
  decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>,
  events: Iterable<E>,
  from?: S,
): S {
  let state = from ?? decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
