import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commit } from '../../events/index.js';
import type { CrashPoint } from '../../functions/app/ports.js';
import { DEMO_COMMUNITY } from '../../infra/local/dev-key.js';
import { type Engine, startDynalite } from '../../infra/local/engine.js';
import { startApi, type TestApi } from '../support/api.js';

/**
 * "Exactly once per Idempotency-Key, whatever dies when": a request is stopped for good at each
 * instant of its run where a process can die (its promise never settles, as after `kill -9`), the
 * process is replaced by a new one on the same engine once the claim's lock has run out, and the
 * same request is retried. Every key must still map to exactly one commit, and the retry must answer
 * with that commit.
 */

const LOCK_MS = 30_000;
const enrolment = { name: 'Zhao Min', householdId: 'H-7', partyMember: false };

class TestClock {
  at = new Date('2026-05-04T02:00:00.000Z').getTime();
  now = () => new Date(this.at);
  pass(ms: number) {
    this.at += ms;
  }
}

/** A hook that freezes the request at one instant; resolves `reached` when it gets there. */
function crashAt(point: CrashPoint | undefined) {
  let reach: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  let crashed = false;
  return {
    reached,
    hook: async (at: CrashPoint) => {
      if (at !== point || crashed) return;
      crashed = true;
      reach();
      await new Promise(() => undefined); // never settles: this "process" is dead from here on
    },
  };
}

async function commitsCarrying(api: TestApi, key: string): Promise<Commit[]> {
  const found: Commit[] = [];
  let after: string | undefined;
  do {
    const page = await api.runtime.deps.events.readHistory({ community: DEMO_COMMUNITY, after, limit: 1000 });
    found.push(...page.commits.filter((c) => c.metadata.idempotencyKey === key));
    after = page.nextAfter;
  } while (after);
  return found;
}

describe('Idempotency-Key under crashes: one commit per key, whatever dies when', () => {
  let engine: Engine;
  const clock = new TestClock();
  const running: TestApi[] = [];

  /** A new "process" of the server on the shared engine. */
  async function boot(point?: CrashPoint) {
    const crash = crashAt(point);
    const api = await startApi({ endpoint: engine.endpoint, clock, crashHook: crash.hook });
    running.push(api);
    return { api, crash, admin: await api.token('admin') };
  }

  /** Sends a keyed request and returns once the process has "died" at the crash point. */
  async function sendUntilCrash(
    process: Awaited<ReturnType<typeof boot>>,
    path: string,
    key: string,
    body: unknown,
  ) {
    const abort = new AbortController();
    const sent = fetch(process.api.url + path, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        authorization: `Bearer ${process.admin}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    await process.crash.reached;
    abort.abort();
    await sent;
  }

  beforeAll(async () => {
    engine = await startDynalite();
  });
  afterAll(async () => {
    for (const api of running) await api.close().catch(() => undefined);
    await engine?.close();
  });

  const points: CrashPoint[] = ['claimed', 'appended', 'answered'];
  for (const point of points) {
    it(`enrolment: dies ${point === 'claimed' ? 'after the claim' : point === 'appended' ? 'after the append' : 'before the completion'}, the retry after the lock ran out answers with one commit`, async () => {
      const key = `enrol-${point}`;
      await sendUntilCrash(await boot(point), '/residents', key, enrolment);
      clock.pass(LOCK_MS + 1);
      const next = await boot();
      const retried = await next.api.call('POST', '/residents', {
        token: next.admin,
        body: enrolment,
        headers: { 'idempotency-key': key },
      });
      expect(retried.status).toBe(201);
      const commits = await commitsCarrying(next.api, key);
      expect(commits).toHaveLength(1);
      expect(retried.body.streamId).toBe(commits[0]!.streamId);
      expect(retried.body.version).toBe(commits[0]!.lastVersion);
      const again = await next.api.call('POST', '/residents', {
        token: next.admin,
        body: enrolment,
        headers: { 'idempotency-key': key },
      });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(retried.body.id);
      // The data key the first attempt made still opens the enrolled name.
      const read = await next.api.call(
        'GET',
        `/residents/${retried.body.id}?consistentWith=${retried.body.position}`,
        {
          token: next.admin,
        },
      );
      expect(read.body.name).toBe(enrolment.name);
    });
  }

  it('dies after the append, then the takeover dies too: the third process still finds the one commit', async () => {
    const key = 'enrol-takeover';
    await sendUntilCrash(await boot('appended'), '/residents', key, enrolment);
    clock.pass(LOCK_MS + 1);
    await sendUntilCrash(await boot('taken-over'), '/residents', key, enrolment);
    clock.pass(LOCK_MS + 1);
    const third = await boot();
    const retried = await third.api.call('POST', '/residents', {
      token: third.admin,
      body: enrolment,
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(201);
    expect(await commitsCarrying(third.api, key)).toHaveLength(1);
  });

  it('two retries racing after the lock ran out get the same answer and leave one commit', async () => {
    const key = 'enrol-race';
    await sendUntilCrash(await boot('appended'), '/residents', key, enrolment);
    clock.pass(LOCK_MS + 1);
    const next = await boot();
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        next.api.call('POST', '/residents', {
          token: next.admin,
          body: enrolment,
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 201]);
    expect(a!.body.id).toBe(b!.body.id);
    expect(await commitsCarrying(next.api, key)).toHaveLength(1);
  });

  it('a command on an existing stream (a plan target) dies after the append: the retry answers with that commit', async () => {
    const setup = await boot();
    const plan = await setup.api.call('POST', '/plans', {
      token: setup.admin,
      body: { communityName: 'Demo', year: 2026, title: 'Work plan', timeZone: 'Asia/Shanghai' },
    });
    expect(plan.status).toBe(201);
    const target = {
      description: 'Legal education each quarter',
      metric: 'activities-held',
      category: 'legal-education',
      minimum: 1,
      per: 'quarter',
    };
    const key = 'target-appended';
    const path = `/plans/${plan.body.id}/targets`;
    await sendUntilCrash(await boot('appended'), path, key, target);
    clock.pass(LOCK_MS + 1);
    const next = await boot();
    const retried = await next.api.call('POST', path, {
      token: next.admin,
      body: target,
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(201);
    const commits = await commitsCarrying(next.api, key);
    expect(commits).toHaveLength(1);
    expect(retried.body.version).toBe(commits[0]!.lastVersion);
  });

  it('a holder that outlives its lock does not append: it answers 503 and the retry commits once', async () => {
    const slow = await boot();
    const key = 'enrol-slow';
    // The clock jumps past the lock while the command runs (a stalled process), before its append.
    const stalled = await startApi({
      endpoint: engine.endpoint,
      clock,
      crashHook: async (point) => {
        if (point === 'claimed') clock.pass(LOCK_MS);
      },
    });
    running.push(stalled);
    const answer = await stalled.call('POST', '/residents', {
      token: slow.admin,
      body: enrolment,
      headers: { 'idempotency-key': key },
    });
    expect(answer.status).toBe(503);
    expect(await commitsCarrying(slow.api, key)).toHaveLength(0);
    const retried = await slow.api.call('POST', '/residents', {
      token: slow.admin,
      body: enrolment,
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(201);
    expect(await commitsCarrying(slow.api, key)).toHaveLength(1);
  });
});
