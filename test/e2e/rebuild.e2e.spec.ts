import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivityDetail, activityDetails, activityKey, projections } from '../../domain/projections.js';
import { InMemoryViewStore } from '../../functions/adapters/memory-view-store.js';
import { readWholeHistory } from '../../functions/app/audit/history.js';
import { rebuildView } from '../../functions/audit/rebuild.js';
import { Projector } from '../../functions/projector/projector.js';
import { startApi, type TestApi } from '../support/api.js';

describe('rebuilding a live view', () => {
  let api: TestApi;
  let admin: string;
  const activities: string[] = [];
  const residents: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    admin = await api.token('admin');
    const planId = (
      await api.call<{ id: string }>('POST', '/plans', {
        token: admin,
        body: { communityName: 'V', year: 2026, title: 'P' },
      })
    ).body.id;
    for (let i = 0; i < 30; i++)
      residents.push(
        (
          await api.call<{ id: string }>('POST', '/residents', {
            token: admin,
            body: { name: `R${i}`, householdId: `H${i}` },
          })
        ).body.id,
      );
    for (let a = 0; a < 4; a++) {
      const id = (
        await api.call<{ id: string }>('POST', '/activities', {
          token: admin,
          body: {
            planId,
            category: 'festival',
            format: 'other',
            title: `A${a}`,
            window: { start: '2026-05-01', end: '2026-05-31' },
          },
        })
      ).body.id;
      activities.push(id);
      for (let r = 0; r < 5; r++)
        await api.call('POST', `/activities/${id}/attendance`, {
          token: admin,
          body: {
            residentId: residents[r],
            method: 'organizer',
            at: '2026-05-02',
            correction: { reason: 'entered from the paper sheet' },
          },
        });
    }
    await api.runtime.dispatcher.idle();
  }, 60_000);
  afterAll(async () => api?.close());

  it('under concurrent writes, ends with the view a clean rebuild of the final history gives', async () => {
    const { views, events, revealPersonalData } = api.runtime.deps;
    // A bug once wrote wrong counts into the view.
    for (const id of activities) {
      const item = (await views.get<ActivityDetail>(activityKey('demo', id)))!;
      await views.putIfUnchanged({ ...item, data: { ...item.data, attendanceCount: 999 } }, item);
    }
    const writes = (async () => {
      for (let r = 5; r < 30; r++) {
        const id = activities[r % activities.length]!;
        const answer = await api.call('POST', `/activities/${id}/attendance`, {
          token: admin,
          body: {
            residentId: residents[r],
            method: 'organizer',
            at: '2026-05-03',
            correction: { reason: 'entered from the paper sheet' },
          },
        });
        expect(answer.status).toBe(201);
      }
    })();
    const [result] = await Promise.all([
      rebuildView({ events, views, reveal: revealPersonalData }, activityDetails, 'demo'),
      writes,
    ]);
    expect(result.items).toBe(4);
    await api.runtime.dispatcher.idle();

    const clean = new InMemoryViewStore();
    const projector = new Projector(clean, projections, undefined, revealPersonalData);
    for (const commit of await readWholeHistory(events, 'demo')) await projector.applyCommit(commit);
    for (const id of activities) {
      const expected = (await clean.get<ActivityDetail>(activityKey('demo', id)))!;
      const live = (await views.get<ActivityDetail>(activityKey('demo', id)))!;
      expect(live.data).toEqual(expected.data);
      expect(live.appliedVersion).toBe(expected.appliedVersion);
      expect(live.data.attendanceCount).toBeLessThan(999);
    }
    const total = (
      await Promise.all(activities.map((id) => views.get<ActivityDetail>(activityKey('demo', id))))
    ).reduce((n, i) => n + i!.data.attendanceCount, 0);
    expect(total).toBe(4 * 5 + 25);
  });
});
