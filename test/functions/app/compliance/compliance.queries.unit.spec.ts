import { describe, expect, it } from 'vitest';
import { planTargetsKey } from '../../../../domain/compliance/compliance.view.js';
import { InMemoryViewStore } from '../../../../functions/adapters/memory-view-store.js';
import { complianceFacts, planCompliance } from '../../../../functions/app/compliance/compliance.queries.js';
import { ManualClock } from '../../../support/clock.js';

const reader = { sub: 'L1', roles: ['leader'] as const, community: 'c1' };

async function withPlan() {
  const views = new InMemoryViewStore();
  await views.putIfUnchanged(
    {
      ref: planTargetsKey('c1', 'P'),
      owner: 'c1#plan#P',
      appliedVersion: 1,
      data: { planId: 'P', year: 2026, timeZone: 'Asia/Shanghai', history: [] },
    },
    undefined,
  );
  return views;
}

describe('compliance query', () => {
  it('answers as of the instant asked, and as of now for an instant the history has not reached', async () => {
    const deps = { views: await withPlan(), clock: new ManualClock('2026-05-04T02:00:00Z') };
    const past = await planCompliance(deps, reader, { planId: 'P', asOf: '2026-03-01T00:00:00+08:00' });
    expect(past).toEqual({ planId: 'P', asOf: '2026-02-28T16:00:00.000Z', items: [] });
    const future = await planCompliance(deps, reader, { planId: 'P', asOf: '2027-01-01T00:00:00Z' });
    expect(future.asOf).toBe('2026-05-04T02:00:00.000Z');
    expect((await planCompliance(deps, reader, { planId: 'P' })).asOf).toBe('2026-05-04T02:00:00.000Z');
  });

  it('reads only the plan’s bounded views, and a plan without them is not found', async () => {
    const views = await withPlan();
    expect(await complianceFacts(views, 'c1', 'P')).toMatchObject({
      plan: { planId: 'P' },
      activities: [],
      articles: [],
      members: [],
    });
    await expect(complianceFacts(views, 'c2', 'P')).rejects.toMatchObject({
      kind: 'not-found',
      code: 'not-found',
    });
  });
});
