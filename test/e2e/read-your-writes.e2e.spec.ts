import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';

/**
 * API.md: "A caller's queries reflect that caller's earlier commands without any parameter (session
 * consistency)". The views here trail every commit by 200 ms, as a busy projector would.
 */
describe('read your own writes, with no parameter', () => {
  let api: TestApi;
  let organizer: string;

  beforeAll(async () => {
    api = await startApi({ projectionDelayMs: 200 });
    organizer = await api.token('organizer', { sub: 'organizer-rw' });
  });
  afterAll(async () => api?.close());

  it('POST then GET by the same caller, 20 times in a row: 20 of 20 reads see the write', async () => {
    let seen = 0;
    for (let i = 0; i < 20; i++) {
      const created = await api.call('POST', '/residents', {
        token: organizer,
        body: { name: `Reader ${i}`, householdId: `H-${i}` },
      });
      expect(created.status).toBe(201);
      const one = await api.call('GET', `/residents/${created.body.id}`, { token: organizer });
      const list = await api.call<{ items: { residentId: string }[] }>('GET', '/residents?limit=500', {
        token: organizer,
      });
      if (one.status === 200 && list.body.items.some((r) => r.residentId === created.body.id)) seen++;
    }
    expect(seen).toBe(20);
  });

  it('does not hold another caller’s queries for writes that are not theirs', async () => {
    await api.call('POST', '/residents', { token: organizer, body: { name: 'Someone', householdId: 'H-x' } });
    const other = await api.token('organizer', { sub: 'organizer-other' });
    const started = Date.now();
    const list = await api.call('GET', '/residents?limit=1', { token: other });
    expect(list.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(150);
  });
});
