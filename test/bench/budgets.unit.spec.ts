import { describe, expect, it } from 'vitest';
import { CALL_BUDGETS, overBudget } from '../../bench/budgets.js';

const within = Object.fromEntries(
  Object.entries(CALL_BUDGETS).map(([command, calls]) => [command, { calls }]),
);

describe('per-command DynamoDB call budgets (npm run bench fails on any line)', () => {
  it('passes every command at its budget', () => {
    expect(overBudget(within)).toEqual([]);
  });

  it('names a command one call over its budget, and only it', () => {
    const lines = overBudget({ ...within, 'check-in': { calls: CALL_BUDGETS['check-in'] + 1 } });
    expect(lines).toEqual([
      `check-in: ${(CALL_BUDGETS['check-in'] + 1).toFixed(1)} DynamoDB calls per command, over its budget of ${CALL_BUDGETS['check-in']}`,
    ]);
  });

  it('counts an average: a fraction of a call over (a snapshot write now and then) is over', () => {
    expect(overBudget({ ...within, enrolment: { calls: CALL_BUDGETS.enrolment + 0.2 } })).toHaveLength(1);
  });

  it('names a budgeted command the bench forgot to measure', () => {
    const { held: _held, ...rest } = within;
    expect(overBudget(rest)).toEqual([`held: not measured (budget ${CALL_BUDGETS.held} DynamoDB calls)`]);
  });

  it('budgets the commands issue 16 names: enrolment, check-in, a nomination score, held, and the two queries', () => {
    expect(Object.keys(CALL_BUDGETS).sort()).toEqual(
      ['calendar query', 'check-in', 'compliance query', 'enrolment', 'held', 'nomination score'].sort(),
    );
  });
});
