import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';

/**
 * The calendar of a plan reads its dates in the plan's zone, while the plan and the list are read in
 * one round trip (issue 24): the list is read as wide as the dates are anywhere, then cut to the
 * plan's day. Activities an hour either side of the plan's midnight fall on the right side of it.
 */
describe('a plan calendar between two dates, in the plan’s time zone', () => {
  let api: TestApi;
  let organizer: string;
  let planId: string;
  const titles = async (query: string) =>
    (
      await api
        .as(organizer)
        .get<{ items: { title: string }[]; nextCursor?: string | null }>(`/activities?${query}`)
    ).body;

  beforeAll(async () => {
    api = await startApi();
    const admin = await api.token('admin');
    organizer = await api.token('organizer');
    planId = (
      await api.as(admin).accepted('/plans', {
        communityName: 'Zone community',
        year: 2026,
        title: 'Plan in Shanghai time',
        timeZone: 'Asia/Shanghai',
      })
    ).id;
    const at = (title: string, start: string, end: string) =>
      api.as(organizer).accepted('/activities', {
        planId,
        category: 'library-reading',
        format: 'lecture',
        title,
        window: { start, end },
      });
    // 23:00 on the 9th in Shanghai is 15:00Z; 01:00 on the 11th in Shanghai is still the 10th in UTC.
    await at('late on the 9th', '2026-06-09T15:00:00.000Z', '2026-06-09T15:30:00.000Z');
    await at('on the 10th', '2026-06-10T02:00:00.000Z', '2026-06-10T03:00:00.000Z');
    await at('early on the 11th', '2026-06-10T17:00:00.000Z', '2026-06-10T17:30:00.000Z');
  });
  afterAll(async () => api?.close());

  it('lists only what falls on the plan’s days, and says no page follows the plan’s last day', async () => {
    const page = await titles(`planId=${planId}&from=2026-06-10&to=2026-06-10`);
    expect(page.items.map((i) => i.title)).toEqual(['on the 10th']);
    expect(page.nextCursor ?? null).toBeNull();
    const both = await titles(`planId=${planId}&from=2026-06-09&to=2026-06-11`);
    expect(both.items.map((i) => i.title)).toEqual(['late on the 9th', 'on the 10th', 'early on the 11th']);
  });

  it('still answers 404 for a plan that is not there', async () => {
    const missing = await api
      .as(organizer)
      .get('/activities?planId=01ARZ3NDEKTSV4RRFFQ69G5FAV&from=2026-06-10');
    expect(missing.status).toBe(404);
  });

  it('answers an empty page, never a failure, for a range that ends before it starts', async () => {
    // `to` more than a short window's length before `from`: the list read back from `from` would
    // otherwise start after it ends, which the engine refuses.
    for (const query of [
      'from=2026-12-01&to=2026-01-01',
      `planId=${planId}&from=2026-12-01&to=2026-01-01`,
      `planId=${planId}&from=2026-06-11&to=2026-06-09`,
      'from=2026-06-10T12:00:00Z&to=2026-06-10T11:00:00Z',
    ]) {
      const page = await api
        .as(organizer)
        .get<{ items: unknown[]; nextCursor?: string | null }>(`/activities?${query}`);
      expect({ query, status: page.status, items: page.body.items }).toEqual({
        query,
        status: 200,
        items: [],
      });
      expect(page.body.nextCursor ?? null).toBeNull();
    }
  });
});
