import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commit } from '../../events/index.js';
import {
  type HttpRequest,
  inProcessEngineAt,
  registerInProcessEngine,
} from '../../functions/adapters/in-process-engines.js';
import { DEMO_COMMUNITY } from '../../infra/local/dev-key.js';
import { type Engine, startDynalite } from '../../infra/local/engine.js';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

/**
 * Issue 24: a command that only reads before its commit (a held record here) reads while its
 * Idempotency-Key's claim is in flight. When the claim is lost while those reads are still out,
 * the reads are dropped and the request answers as a claimed-first one would: the first answer
 * replayed, or 422 for another body. Nothing is appended twice.
 */

/** Holds every Query (a stream's read) until the claim of `key` has been answered as lost. */
function engineHoldingReads(target: string) {
  const inner = inProcessEngineAt(target)!;
  let watched: string | undefined;
  let lost: () => void = () => undefined;
  let claimLost = Promise.resolve();
  const order: string[] = [];
  const endpoint = 'http://holding-reads.invalid';
  const close = registerInProcessEngine(endpoint, {
    handle: async (request: HttpRequest, options) => {
      const action = String(request.headers['x-amz-target'] ?? '').split('.')[1];
      const body = String(request.body ?? '');
      const key = watched;
      if (key && action === 'Query') {
        order.push('read sent');
        await claimLost;
        order.push('read answered');
      }
      const answer = await inner.handle(request, options);
      // A lost claim is a refused conditional write, then the claim read back: it has lost then.
      if (key && action === 'GetItem' && body.includes(key)) {
        order.push('claim lost');
        lost();
      }
      return answer;
    },
  });
  return {
    endpoint,
    close,
    order,
    /** From now until the claim of `key` is known lost, no stream read is answered. */
    holdUntilLost(key: string) {
      watched = key;
      order.length = 0;
      claimLost = new Promise((resolve) => {
        lost = resolve;
      });
    },
    release() {
      watched = undefined;
      lost();
    },
  };
}

describe('Idempotency-Key: a claim lost while the command was reading beside it', () => {
  let engine: Engine;
  let holding: ReturnType<typeof engineHoldingReads>;
  let api: TestApi;
  let organizer: string;
  let planId: string;

  beforeAll(async () => {
    engine = await startDynalite();
    holding = engineHoldingReads(engine.endpoint);
    api = await startApi({ endpoint: holding.endpoint, clock: new ManualClock('2026-05-04T02:00:00Z') });
    organizer = await api.token(['admin', 'organizer']);
    planId = (
      await api.as(organizer).post<{ id: string }>('/plans', { communityName: 'C', year: 2026, title: 'P' })
    ).body.id;
  });
  afterAll(async () => {
    await api?.close();
    holding?.close();
    await engine?.close();
  });

  const newActivity = async () =>
    (
      await api.as(organizer).post<{ id: string }>('/activities', {
        planId,
        category: 'library-reading',
        format: 'lecture',
        title: 'Reading',
        window: { start: '2026-04-20', end: '2026-04-30' },
      })
    ).body.id;
  const held = (activityId: string, key: string, headcount = 20) =>
    api.call('POST', `/activities/${activityId}/held`, {
      token: organizer,
      headers: { 'idempotency-key': key },
      body: { heldOn: '2026-04-25', summary: 'Held as planned.', headcount },
    });
  async function commitsCarrying(key: string): Promise<Commit[]> {
    await api.runtime.dispatcher.idle();
    const page = await api.runtime.deps.events.readHistory({ community: DEMO_COMMUNITY, limit: 1000 });
    return page.commits.filter((c) => c.metadata.idempotencyKey === key);
  }

  it('a concurrent request with the same key reads, loses the claim, and replays the one commit', async () => {
    const activityId = await newActivity();
    const key = randomUUID();
    // The projector at rest: the only reads held are the requests' own.
    await api.runtime.dispatcher.idle();
    holding.holdUntilLost(key);
    // Both read while held; the second's claim is refused (the first holds it) before any read answers.
    const [first, second] = await Promise.all([held(activityId, key), held(activityId, key)]);
    holding.release();
    expect(holding.order.slice(0, 3)).toEqual(['read sent', 'read sent', 'claim lost']);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    const replayed = first.status === 200 ? first : second;
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(first.body).toEqual(second.body);
    expect(await commitsCarrying(key)).toHaveLength(1);
  });

  it('a retry after the first answer reads beside its claim, then replays it: nothing appended again', async () => {
    const activityId = await newActivity();
    const key = randomUUID();
    const answer = await held(activityId, key);
    expect(answer.status).toBe(201);
    // The projector at rest: the only reads held are the requests' own.
    await api.runtime.dispatcher.idle();
    holding.holdUntilLost(key);
    const retry = await held(activityId, key);
    holding.release();
    expect(holding.order).toEqual(['read sent', 'claim lost', 'read answered']);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(answer.body);
    expect(await commitsCarrying(key)).toHaveLength(1);
  });

  it('the same key with another body reads beside its claim, and is refused (422) with nothing written', async () => {
    const activityId = await newActivity();
    const key = randomUUID();
    expect((await held(activityId, key)).status).toBe(201);
    // The projector at rest: the only reads held are the requests' own.
    await api.runtime.dispatcher.idle();
    holding.holdUntilLost(key);
    const other = await held(activityId, key, 21);
    holding.release();
    expect(holding.order).toEqual(['read sent', 'claim lost', 'read answered']);
    expect(other.status).toBe(422);
    expect((other.body as { code: string }).code).toBe('idempotency-key-reused');
    expect(await commitsCarrying(key)).toHaveLength(1);
  });

  it('two enrolments with one key at once: one resident, whose id both answers name', async () => {
    // An enrolment's first call (its key ring) runs beside the claim under a proposed id; only the
    // claim's winner commits, so the loser's proposal is never a resident.
    const key = randomUUID();
    const enrol = () =>
      api.call('POST', '/residents', {
        token: organizer,
        headers: { 'idempotency-key': key },
        body: { name: 'Zhao Min', householdId: 'H-7' },
      });
    const answers = await Promise.all([enrol(), enrol(), enrol()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => (a.body as { id: string }).id)).size).toBe(1);
    expect(await commitsCarrying(key)).toHaveLength(1);
  });
});
