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
});

/** Views here trail every commit by 3 s: an answer that waited for the write would show it. */
describe('another caller’s queries are not held for writes that are not theirs', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ projectionDelayMs: 3_000 });
  });
  afterAll(async () => api?.close());

  it('answers at once from the views as they stand, without the write it did not make', async () => {
    const writer = await api.token('organizer', { sub: 'organizer-writer' });
    const created = await api.call<{ id: string }>('POST', '/residents', {
      token: writer,
      body: { name: 'Someone', householdId: 'H-x' },
    });
    expect(created.status).toBe(201);
    const other = await api.token('organizer', { sub: 'organizer-other' });
    const list = await api.call<{ items: { residentId: string }[] }>('GET', '/residents?limit=500', {
      token: other,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => r.residentId)).not.toContain(created.body.id);
    const own = await api.call<{ items: { residentId: string }[] }>('GET', '/residents?limit=500', {
      token: writer,
    });
    expect(own.body.items.map((r) => r.residentId)).toContain(created.body.id);
  });
});
