/**
 * The entries of the operators' runbook (docs/operations.md, "Alarms"): every alarm names one, and
 * test/infra/operations.unit.spec.ts checks that each has its section there.
 */
export const runbook = {
  'dead-letters': 'a unit, stream batch or schedule run was given up on',
  'function-errors': 'a function failed',
  'function-throttles': 'a function hit its concurrency',
  'stream-lag': 'views or the bus fall behind the history',
  'table-throttles': 'a table refused requests',
  'api-5xx': 'the API fails requests',
  'api-4xx': 'callers are refused en masse',
  'api-latency': 'the API is slow',
  'ses-reputation': 'mail bounces or is reported as spam',
} as const;
export type RunbookEntry = keyof typeof runbook;
