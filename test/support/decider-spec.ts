import { expect } from 'vitest';
import type { Decider } from '../../domain/shared/decider.js';
import { fold } from '../../domain/shared/decider.js';
import { type DomainError, isDomainError } from '../../domain/shared/errors.js';

/**
 * given(events) / when(command) / thenEmits(events) or thenFails(code), emmett style:
 *   spec(decider).given([...]).when(cmd).thenEmits([...])
 *   spec(decider).given([...]).when(cmd).thenFails('code')
 */
export function spec<C, S, E>(decider: Decider<C, S, E>) {
  return {
    given(events: readonly E[]) {
      const state = fold(decider, events);
      return {
        when(command: C) {
          const decision = decider.decide(command, state);
          return {
            thenEmits(expected: readonly E[]) {
              if (isDomainError(decision)) {
                throw new Error(`expected events, got ${decision.code}: ${decision.detail}`);
              }
              expect(decision).toEqual(expected);
            },
            thenFails(code: string, category?: DomainError['category']) {
              expect(
                isDomainError(decision),
                `expected ${code}, got events ${JSON.stringify(decision)}`,
              ).toBe(true);
              const error = decision as DomainError;
              expect(error.code).toBe(code);
              if (category) expect(error.category).toBe(category);
            },
            thenState() {
              if (isDomainError(decision)) throw new Error(`decision failed: ${decision.code}`);
              return fold(decider, decision, state);
            },
          };
        },
      };
    },
  };
}
