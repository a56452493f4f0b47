import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlan, setTarget } from '../../../../functions/app/plan/plans.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

describe('plan use cases, on the event store', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  const admin = () => world.acting(['admin'], 'A1');

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    world = await useCaseWorld(engine);
  });

  it('creates a plan on a fresh stream and sets a new target under the id the request issued (an uppercase ULID like every other id)', async () => {
    const created = accepted(
      await createPlan(world, admin(), {
        planId: 'P1',
        communityName: 'Riverside',
        year: 2026,
        title: 'Plan 2026',
        timeZone: 'Asia/Shanghai',
      }),
    );
    expect(created).toMatchObject({ id: 'P1', version: 1, events: [{ type: 'PlanCreated' }] });
    const target = {
      description: 'legal education',
      metric: 'activities-held',
      category: 'legal-education',
    } as const;
    const fresh = accepted(
      await setTarget(world, admin(), {
        planId: 'P1',
        target: { ...target, minimum: 1, per: 'quarter' } as const,
        newTargetId: '01JABCDEFGHJKMNPQRSTVWXYZ0',
      }),
    );
    expect(fresh).toMatchObject({ id: '01JABCDEFGHJKMNPQRSTVWXYZ0', version: 2 });
    const named = accepted(
      await setTarget(world, admin(), {
        planId: 'P1',
        target: { ...target, targetId: 'legal', minimum: 4, per: 'year' } as const,
        newTargetId: 'UNUSED',
      }),
    );
    expect(named.id).toBe('legal');
    expect((await world.eventsOf('plan', 'P1')).slice(1)).toEqual([
      {
        type: 'TargetSet',
        data: expect.objectContaining({ targetId: '01JABCDEFGHJKMNPQRSTVWXYZ0', minimum: 1 }),
      },
      { type: 'TargetSet', data: expect.objectContaining({ targetId: 'legal', minimum: 4 }) },
    ]);
  });
});
