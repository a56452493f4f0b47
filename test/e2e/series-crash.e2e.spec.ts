import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../functions/app/ports.js';
import { DEMO_COMMUNITY } from '../../infra/local/dev-key.js';
import { type Engine, startDynalite } from '../../infra/local/engine.js';
import { startApi, type TestApi } from '../support/api.js';

/**
 * A series writes many streams and the engine has no transactions: the decision is committed on the
 * series stream first, naming every occurrence by a deterministic id, and the occurrences after it.
 * Here the process dies right after the series commit (or a few occurrence commits later): a retry
 * with the same Idempotency-Key, or the next edit of the series, must make exactly the occurrences
 * that are missing, each once.
 */

const LOCK_MS = 30_000;
const dates = [
  '2026-01-31',
  '2026-03-31',
  '2026-05-31',
  '2026-07-31',
  '2026-08-31',
  '2026-10-31',
  '2026-12-31',
];

class TestClock {
  at = new Date('2026-01-04T02:00:00.000Z').getTime();
  now = () => new Date(this.at);
  pass(ms: number) {
    this.at += ms;
  }
}

/** Dies at the `nth` append: that call and every later one never settle, as after `kill -9`. */
function crashAtAppend(nth: number) {
  let reach: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  let appends = 0;
  let dead = false;
  return {
    reached,
    hook: async (at: CrashPoint) => {
      if (at === 'appended' && ++appends === nth) dead = true;
      if (!dead) return;
      reach();
      await new Promise(() => undefined);
    },
  };
}

describe('a series under crashes: every occurrence exactly once', () => {
  let engine: Engine;
  const clock = new TestClock();
  const running: TestApi[] = [];
  let planId: string;

  async function boot(nth?: number) {
    const crash = crashAtAppend(nth ?? Number.POSITIVE_INFINITY);
    const api = await startApi({ endpoint: engine.endpoint, clock, crashHook: crash.hook });
    running.push(api);
    return { api, crash, organizer: await api.token('organizer') };
  }

  const monthly = () => ({
    planId,
    category: 'civilization-school',
    format: 'class',
    title: 'Civilization school',
    recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', start: '2026-01-31T19:00', durationMinutes: 90 },
  });
  /** Twenty Saturdays: more occurrences than the writes one request makes at once. */
  const weekly = () => ({
    planId,
    category: 'library-reading',
    format: 'reading',
    title: 'Library open day',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20', start: '2026-02-07T09:00', endTime: '17:00' },
  });
  let body: () => Record<string, unknown> = monthly;

  async function sendUntilCrash(
    process: Awaited<ReturnType<typeof boot>>,
    key: string,
    path = '/activity-series',
    payload: unknown = body(),
  ) {
    const abort = new AbortController();
    const sent = fetch(`${process.api.url}${path}`, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        authorization: `Bearer ${process.organizer}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(payload),
    }).catch(() => undefined);
    await process.crash.reached;
    abort.abort();
    await sent;
  }

  /** The series' streams as stored: its own, and each occurrence's commits. */
  async function streamsOf(api: TestApi, seriesId: string) {
    const { events } = api.runtime.deps;
    const series = await events.readStream(`${DEMO_COMMUNITY}#series#${seriesId}`);
    const planned = series.commits[0]?.events[0]?.data as
      | { occurrences: { occurrenceId: string }[] }
      | undefined;
    const occurrences = [];
    for (const { occurrenceId } of planned?.occurrences ?? []) {
      const stream = await events.readStream(`${DEMO_COMMUNITY}#activity#${occurrenceId}`);
      occurrences.push(stream.commits.flatMap((c) => c.events.map((e) => e.type)));
    }
    return { series: series.commits.flatMap((c) => c.events.map((e) => e.type)), occurrences };
  }

  /** Per occurrence (by date), the venue each of its ActivityDetailsChanged events set. */
  async function venuesSet(api: TestApi, occurrenceIds: readonly string[]) {
    const venues = [];
    for (const occurrenceId of occurrenceIds) {
      const stream = await api.runtime.deps.events.readStream(`${DEMO_COMMUNITY}#activity#${occurrenceId}`);
      const changes = stream.commits
        .flatMap((c) => c.events)
        .filter((e) => e.type === 'ActivityDetailsChanged');
      venues.push(changes.map((e) => (e.data as { venue?: string }).venue));
    }
    return venues;
  }

  /** The series a keyed request created: the only series stream carrying the key. */
  async function seriesCarrying(api: TestApi, key: string): Promise<string> {
    const page = await api.runtime.deps.events.readHistory({ community: DEMO_COMMUNITY, limit: 1000 });
    const commit = page.commits.find(
      (c) => c.metadata.idempotencyKey === key && c.streamId.includes('#series#'),
    );
    return commit!.streamId.split('#')[2]!;
  }

  beforeAll(async () => {
    engine = await startDynalite();
    const first = await boot();
    const admin = await first.api.token('admin');
    const plan = await first.api.call<{ id: string }>('POST', '/plans', {
      token: admin,
      body: { communityName: 'Venus', year: 2026, title: 'Plan 2026' },
    });
    planId = plan.body.id;
  });
  afterAll(async () => {
    for (const api of running) await api.close().catch(() => undefined);
    await engine?.close();
  });

  it('dies after the series commit, before any occurrence: the retry with the key writes each occurrence once', async () => {
    const key = 'series-crash-1';
    await sendUntilCrash(await boot(1), key);
    const next = await boot();
    const seriesId = await seriesCarrying(next.api, key);
    const torn = await streamsOf(next.api, seriesId);
    expect(torn.series).toEqual(['ActivitySeriesPlanned']);
    expect(torn.occurrences.filter((types) => types.length > 0)).toHaveLength(0);
    clock.pass(LOCK_MS + 1);
    const retried = await next.api.call<{ id: string }>('POST', '/activity-series', {
      token: next.organizer,
      body: body(),
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(seriesId);
    const done = await streamsOf(next.api, seriesId);
    expect(done.series).toEqual(['ActivitySeriesPlanned', 'ActivitySeriesOccurrencesWritten']);
    expect(done.occurrences).toEqual(dates.map(() => ['ActivityPlanned']));
    const again = await next.api.call('POST', '/activity-series', {
      token: next.organizer,
      body: body(),
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(200);
    expect((await streamsOf(next.api, seriesId)).occurrences).toEqual(dates.map(() => ['ActivityPlanned']));
  });

  it('dies with some occurrences written: the next edit of the series makes the missing ones, then its own change', async () => {
    const key = 'series-crash-2';
    body = weekly;
    await sendUntilCrash(await boot(3), key);
    const next = await boot();
    const seriesId = await seriesCarrying(next.api, key);
    const torn = await streamsOf(next.api, seriesId);
    expect(torn.series).toEqual(['ActivitySeriesPlanned']);
    expect(torn.occurrences.filter((types) => types.length === 0).length).toBeGreaterThan(0);
    const planned = (await next.api.runtime.deps.events.readStream(`${DEMO_COMMUNITY}#series#${seriesId}`))
      .commits[0]!.events[0]!.data as { occurrences: { occurrenceId: string }[] };
    const edit = await next.api.call('POST', `/activity-series/${seriesId}/cancel`, {
      token: next.organizer,
      body: { scope: 'this', occurrenceId: planned.occurrences[19]!.occurrenceId, reason: 'inventory day' },
    });
    expect(edit.status).toBe(201);
    const done = await streamsOf(next.api, seriesId);
    expect(done.series).toEqual([
      'ActivitySeriesPlanned',
      'ActivitySeriesCancelled',
      'ActivitySeriesOccurrencesWritten',
    ]);
    expect(done.occurrences).toEqual([
      ...Array.from({ length: 19 }, () => ['ActivityPlanned']),
      ['ActivityPlanned', 'ActivityCancelled'],
    ]);
  });

  it('a venue change dies after the series commit: the retry with the key gives each occurrence its venue once', async () => {
    const first = await boot();
    const created = await first.api.call<{ id: string }>('POST', '/activity-series', {
      token: first.organizer,
      body: { ...monthly(), venue: 'Community hall' },
    });
    expect(created.status).toBe(201);
    const seriesId = created.body.id;
    const planned = (await first.api.runtime.deps.events.readStream(`${DEMO_COMMUNITY}#series#${seriesId}`))
      .commits[0]!.events[0]!.data as { occurrences: { occurrenceId: string }[] };
    const ids = planned.occurrences.map((o) => o.occurrenceId);
    const key = 'series-crash-venue';
    const path = `/activity-series/${seriesId}/reschedule`;
    const change = { scope: 'following', occurrenceId: ids[3], venue: 'Library', reason: 'repairs' };
    await sendUntilCrash(await boot(1), key, path, change);
    const next = await boot();
    expect((await streamsOf(next.api, seriesId)).series).toEqual([
      'ActivitySeriesPlanned',
      'ActivitySeriesOccurrencesWritten',
      'ActivitySeriesChanged',
    ]);
    expect(await venuesSet(next.api, ids)).toEqual(ids.map(() => []));
    clock.pass(LOCK_MS + 1);
    const retried = await next.api.call<{ id: string }>('POST', path, {
      token: next.organizer,
      body: change,
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(201);
    const venues = [[], [], [], ['Library'], ['Library'], ['Library'], ['Library']];
    expect(await venuesSet(next.api, ids)).toEqual(venues);
    expect((await streamsOf(next.api, seriesId)).series).toEqual([
      'ActivitySeriesPlanned',
      'ActivitySeriesOccurrencesWritten',
      'ActivitySeriesChanged',
      'ActivitySeriesOccurrencesWritten',
    ]);
    const again = await next.api.call('POST', path, {
      token: next.organizer,
      body: change,
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(200);
    expect(await venuesSet(next.api, ids)).toEqual(venues);
  });

  it('a venue change dies with some occurrences written: the next edit makes the rest, none twice', async () => {
    const first = await boot();
    const created = await first.api.call<{ id: string }>('POST', '/activity-series', {
      token: first.organizer,
      body: { ...weekly(), venue: 'Reading room' },
    });
    const seriesId = created.body.id;
    const planned = (await first.api.runtime.deps.events.readStream(`${DEMO_COMMUNITY}#series#${seriesId}`))
      .commits[0]!.events[0]!.data as { occurrences: { occurrenceId: string }[] };
    const ids = planned.occurrences.map((o) => o.occurrenceId);
    const change = { scope: 'all', venue: 'Library hall', reason: 'the reading room is painted' };
    await sendUntilCrash(
      await boot(3),
      'series-crash-venue-2',
      `/activity-series/${seriesId}/reschedule`,
      change,
    );
    const next = await boot();
    const torn = await venuesSet(next.api, ids);
    expect(torn.filter((v) => v.length === 0).length).toBeGreaterThan(0);
    expect(torn.every((v) => v.length <= 1)).toBe(true);
    const edit = await next.api.call('POST', `/activity-series/${seriesId}/cancel`, {
      token: next.organizer,
      body: { scope: 'this', occurrenceId: ids[19], reason: 'inventory day' },
    });
    expect(edit.status).toBe(201);
    expect(await venuesSet(next.api, ids)).toEqual(ids.map(() => ['Library hall']));
    const last = await next.api.runtime.deps.events.readStream(`${DEMO_COMMUNITY}#activity#${ids[19]}`);
    expect(last.commits.flatMap((c) => c.events.map((e) => e.type))).toEqual([
      'ActivityPlanned',
      'ActivityDetailsChanged',
      'ActivityCancelled',
    ]);
  });
});
