import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';

/** The projector and the publisher in a thread of their own, as `npm start` runs them. */
describe('stream consumers in their own thread', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ consumersInThread: true });
  });
  afterAll(() => api?.close());

  const published = (residentId: string) =>
    readFileSync(join(api.runtime.busDir, 'events.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { detail: { data: { residentId?: string } } })
      .filter((event) => event.detail.data.residentId === residentId);

  /** Each enrolment read back by the caller who made it, at once (read-your-writes through the thread). */
  const readsEachBack = async (answers: readonly { body: unknown }[], token: string, name: RegExp) => {
    for (const answer of answers) {
      const { id } = answer.body as { id: string };
      const read = await api.call('GET', `/residents/${id}`, { token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ residentId: id, name: expect.stringMatching(name) });
    }
  };

  it('projects and publishes what the requests commit: each caller reads their own write at once', async () => {
    const admin = await api.token('admin');
    const enrolled = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api.call('POST', '/residents', { token: admin, body: { name: `住户 ${i}`, householdId: `H-${i}` } }),
      ),
    );
    expect(enrolled.map((answer) => answer.status)).toEqual(Array(30).fill(201));
    await readsEachBack(enrolled, admin, /^住户 \d+$/);
    await api.runtime.dispatcher.idle();
    for (const answer of enrolled) expect(published((answer.body as { id: string }).id)).toHaveLength(1);
  });

  it('a thread that dies mid-burst is started again, and the batches it held are delivered again', async () => {
    const admin = await api.token('admin');
    const enrol = (i: number) =>
      api.call('POST', '/residents', { token: admin, body: { name: `王芳 ${i}`, householdId: `H-${i}` } });
    const first = await enrol(0);
    const burst = Array.from({ length: 20 }, (_, i) => enrol(i + 1));
    await api.runtime.consumerThread!.terminateThread();
    const answers = [first, ...(await Promise.all(burst))];
    expect(answers.map((answer) => answer.status)).toEqual(Array(21).fill(201));

    await readsEachBack(answers, admin, /^王芳 \d+$/);
    await api.runtime.dispatcher.idle();
    // At least once: a batch the thread published before it died comes again (readers dedupe by eventId).
    for (const answer of answers)
      expect(published((answer.body as { id: string }).id).length).toBeGreaterThanOrEqual(1);
  });
});
