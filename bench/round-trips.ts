import type { AwsCall, AwsCallRecorder } from '../functions/adapters/aws-calls.js';
import { inProcessEngineAt, registerInProcessEngine } from '../functions/adapters/in-process-engines.js';

/**
 * Sequential DynamoDB round trips each request may take on its critical path: on AWS every call is
 * a network round trip of a few milliseconds, so calls one after another, not CPU, set a command's
 * latency. Without an Idempotency-Key; with one, at most one more (its claim runs beside the first
 * call, its completion after the commit).
 */
export const ROUND_TRIP_BUDGETS = {
  // The new resident's key ring, then the commit beside the caller's session write.
  enrolment: 2,
  // The activity (snapshot and tail in one Query) and the resident beside it, then the commit
  // beside the session write.
  'check-in': 3,
  // The nomination, then its round (its state names it), then the commit beside the session write.
  'nomination score': 3,
  // The activity, then the commit beside the session write.
  held: 3,
  // The caller's session (their recent writes: the views already show them), then the view.
  'compliance query': 2,
  'calendar query': 2,
} as const;

/** How many more round trips an Idempotency-Key may cost a command (its claim and its completion). */
export const IDEMPOTENCY_ALLOWANCE = 1;

export type RoundTripCommand = keyof typeof ROUND_TRIP_BUDGETS;

/** A call's span on the clock: when it left, when it was answered. */
export interface Span {
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * The longest chain of calls each made after the previous one was answered: the round trips a
 * request waits for one after another. Calls in flight together (Promise.all) count once.
 */
export function sequentialRoundTrips(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.startedAt - b.startedAt);
  const depth: number[] = [];
  let longest = 0;
  for (let i = 0; i < sorted.length; i++) {
    let before = 0;
    for (let j = 0; j < i; j++)
      if (sorted[j]!.endedAt <= sorted[i]!.startedAt) before = Math.max(before, depth[j]!);
    depth[i] = before + 1;
    longest = Math.max(longest, depth[i]!);
  }
  return longest;
}

/** One line per command over its budget (with an Idempotency-Key: the allowance more), naming it. */
export function overRoundTrips(
  measured: Readonly<Record<string, { readonly roundTrips: number; readonly withKey?: number }>>,
  budgets: Readonly<Record<string, number>> = ROUND_TRIP_BUDGETS,
): string[] {
  const lines: string[] = [];
  for (const [command, budget] of Object.entries(budgets)) {
    const found = measured[command];
    if (!found) lines.push(`${command}: round trips not measured (budget ${budget})`);
    else {
      if (found.roundTrips > budget)
        lines.push(`${command}: ${found.roundTrips} sequential round trips, over its budget of ${budget}`);
      if (found.withKey !== undefined && found.withKey > budget + IDEMPOTENCY_ALLOWANCE)
        lines.push(
          `${command} with an Idempotency-Key: ${found.withKey} sequential round trips, over its budget of ${budget + IDEMPOTENCY_ALLOWANCE}`,
        );
    }
  }
  return lines;
}

/** The functions a client's request runs in (the stream's consumers run after it, on their own). */
const REQUEST_FUNCTIONS = new Set(['commands', 'queries']);

/**
 * Times every DynamoDB call of the request functions (the runtime's `awsCalls` option), so a
 * request's sequential round trips can be read off the calls made while it ran.
 */
export function roundTripRecorder(): {
  awsCalls: (fn: string) => AwsCallRecorder;
  /** Runs one request (nothing else of the request functions running) and counts its round trips. */
  measure(request: () => Promise<unknown>): Promise<number>;
} {
  let calls: AwsCall[] = [];
  return {
    awsCalls: (fn) => (call) => {
      if (REQUEST_FUNCTIONS.has(fn) && call.service === 'dynamodb') calls.push(call);
    },
    async measure(request) {
      calls = [];
      await request();
      const spans = calls.filter((c): c is AwsCall & Span => c.startedAt !== undefined);
      return sequentialRoundTrips(spans);
    },
  };
}

/**
 * An endpoint for the engine at `target` (in this process) where every call waits `delayMs` before
 * reaching it: the network between a function and DynamoDB, which a local engine does not have.
 */
let delayedEngines = 0;
export function delayedEngine(target: string, delayMs: number): { endpoint: string; close(): void } {
  const inner = inProcessEngineAt(target);
  if (!inner) throw new Error(`no engine in this process at ${target}`);
  // A name no resolver knows: the in-process handler answers it, never the network.
  const endpoint = `http://delayed-${delayedEngines++}.invalid`;
  const close = registerInProcessEngine(endpoint, {
    handle: async (request, options) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return inner.handle(request, options);
    },
  });
  return { endpoint, close };
}
