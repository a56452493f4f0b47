import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longWindowActivities } from '../../../../domain/activity/long-window.view.js';
import { projections } from '../../../../domain/projections.js';
import type { Commit } from '../../../../events/index.js';
import { planActivity } from '../../../../functions/app/activity/activities.commands.js';
import { listActivities } from '../../../../functions/app/activity/calendar.queries.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { rebuildView } from '../../../../functions/audit/rebuild.js';
import { Projector } from '../../../../functions/projector/projector.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

/**
 * Data kept before the list of long windows existed: its views were projected without it. The
 * calendar then misses a long window begun more than a month before `from`, until the view is built
 * from history (`npm run rebuild -- --view activity-long-windows`, as README's upgrade note says).
 */
describe('a calendar over views projected before the list of long windows', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    world = await useCaseWorld(engine, '2026-01-02T02:00:00.000Z');
    const admin = world.acting(['admin'], 'A1');
    accepted(
      await createPlan(world, admin, {
        planId: 'P2026',
        communityName: 'Riverside',
        year: 2026,
        title: 'P2026',
        timeZone: 'Asia/Shanghai',
      }),
    );
    accepted(
      await planActivity(world, admin, {
        activityId: 'SPAN',
        planId: 'P2026',
        category: 'festival',
        format: 'lecture',
        title: 'SPAN',
        window: { start: '2026-01-05', end: '2026-04-30' },
      }),
    );
    const before = new Projector(
      world.views,
      projections.filter((p) => p !== longWindowActivities),
    );
    const page = await world.events.readHistory({ community: COMMUNITY, limit: 1000 });
    const failed = await before.applyBatch(page.commits as Commit[]);
    expect(failed.size).toBe(0);
  });
  afterAll(async () => engine?.close());

  const march = async () =>
    (
      await listActivities(world, world.as(['admin']), { from: '2026-03-01', to: '2026-03-31', limit: 50 })
    ).items.map((a) => a.title);

  it('shows the long window once the view is rebuilt from history', async () => {
    expect(await march()).toEqual([]);
    const result = await rebuildView(world, longWindowActivities, COMMUNITY);
    expect(result.items).toBe(1);
    expect(await march()).toEqual(['SPAN']);
  });
});
