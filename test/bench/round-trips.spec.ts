import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  delayedEngine,
  overRoundTrips,
  ROUND_TRIP_BUDGETS,
  type RoundTripCommand,
  roundTripRecorder,
  sequentialRoundTrips,
} from '../../bench/round-trips.js';
import { benchScene, type Scene } from '../../bench/scene.js';
import { type Engine, startDynalite } from '../../infra/local/engine.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';

/**
 * Issue 24: on AWS each DynamoDB call is a network round trip, so the calls a request makes one
 * after another set its latency. Each budgeted command's chain of calls is counted here, as the
 * bench counts it (`npm run bench` prints the latency under an injected 5 ms per call).
 */
describe('sequential round trips: the longest chain of calls each waiting for the one before', () => {
  const span = (startedAt: number, endedAt: number) => ({ startedAt, endedAt });

  it('counts calls in flight together once, and a call made after another answered as one more', () => {
    expect(sequentialRoundTrips([])).toBe(0);
    expect(sequentialRoundTrips([span(0, 5), span(0, 6), span(1, 5)])).toBe(1);
    expect(sequentialRoundTrips([span(0, 5), span(5, 10), span(10, 15)])).toBe(3);
    // a ∥ b, then c after a only (b still in flight): c still waited for a.
    expect(sequentialRoundTrips([span(0, 5), span(0, 20), span(6, 10)])).toBe(2);
  });

  it('names each command over its budget, with an Idempotency-Key at most one more', () => {
    const within = Object.fromEntries(
      Object.entries(ROUND_TRIP_BUDGETS).map(([command, budget]) => [command, { roundTrips: budget }]),
    );
    expect(overRoundTrips(within)).toEqual([]);
    expect(overRoundTrips({ ...within, held: { roundTrips: 4 } })).toEqual([
      'held: 4 sequential round trips, over its budget of 3',
    ]);
    expect(overRoundTrips({ ...within, held: { roundTrips: 3, withKey: 5 } })).toEqual([
      'held with an Idempotency-Key: 5 sequential round trips, over its budget of 4',
    ]);
    const { enrolment: _e, ...rest } = within;
    expect(overRoundTrips(rest)).toEqual(['enrolment: round trips not measured (budget 2)']);
  });
});

describe('each budgeted command, over HTTP, within its round trips', () => {
  let engine: Engine;
  let delayed: ReturnType<typeof delayedEngine>;
  let runtime: LocalRuntime;
  let scene: Scene;
  const recorder = roundTripRecorder();

  beforeAll(async () => {
    engine = await startDynalite();
    // A little delay per call keeps calls in flight together visibly overlapping on a busy machine.
    delayed = delayedEngine(engine.endpoint, 2);
    runtime = await startLocalRuntime({ endpoint: delayed.endpoint, awsCalls: recorder.awsCalls });
    scene = await benchScene(runtime, 'round-trips', 4);
  });
  afterAll(async () => {
    await runtime?.close();
    delayed?.close();
    await engine?.close();
  });

  it('creation ≤ 2, a command on an existing stream ≤ 3, a query ≤ 2 (its read-your-writes wait included)', async () => {
    const measured: Record<string, { roundTrips: number }> = {};
    for (const command of Object.keys(ROUND_TRIP_BUDGETS) as RoundTripCommand[]) {
      // The views caught up: what a query waits for is the read that says so.
      await runtime.dispatcher.idle();
      measured[command] = { roundTrips: await recorder.measure(() => scene.run[command]()) };
    }
    expect(overRoundTrips(measured)).toEqual([]);
    // Not fewer than the work needs: a creation commits, a command reads its stream first.
    expect(measured.enrolment!.roundTrips).toBe(2);
    expect(measured.held!.roundTrips).toBe(2);
  });

  it('with an Idempotency-Key at most one round trip more: the claim runs beside the first call', async () => {
    const measured: Record<string, { roundTrips: number; withKey?: number }> = {};
    for (const command of Object.keys(ROUND_TRIP_BUDGETS) as RoundTripCommand[]) {
      if (command.endsWith('query')) continue;
      await runtime.dispatcher.idle();
      const roundTrips = await recorder.measure(() => scene.run[command]());
      await runtime.dispatcher.idle();
      measured[command] = { roundTrips, withKey: await recorder.measure(() => scene.run[command](true)) };
    }
    const { 'compliance query': _c, 'calendar query': _q, ...commands } = ROUND_TRIP_BUDGETS;
    expect(overRoundTrips(measured, commands)).toEqual([]);
    // Only the completion (the answer stored after the commit) is the key's own round trip.
    for (const { roundTrips, withKey } of Object.values(measured)) expect(withKey).toBe(roundTrips + 1);
  });
});
