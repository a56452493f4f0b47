import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { nameModel, recordGoodDeed } from '../../../../functions/app/recognition/recognition.commands.js';
import { enrollResident } from '../../../../functions/app/resident/residents.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

describe('good deed and model use cases, on the event store', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  const staff = () => world.acting(['organizer'], 'O1');
  const deed = { residentIds: ['R1'], title: 'Cleared the stairwell', description: 'after the storm' };

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    world = await useCaseWorld(engine);
    await createPlan(world, world.acting(['admin']), {
      planId: 'P26',
      communityName: 'Riverside',
      year: 2026,
      title: 'Plan 2026',
      timeZone: 'Asia/Shanghai',
    });
    await enrollResident(world, staff(), { residentId: 'R1', name: 'Li Wei', householdId: 'H-1' });
    await world.project();
  });

  it('records a deed in the plan of its year when none is named, and in the named plan otherwise', async () => {
    const answer = accepted(
      await recordGoodDeed(world, staff(), { ...deed, deedId: 'D1', date: '2026-03-08' }),
    );
    expect(answer).toMatchObject({ id: 'D1', streamId: 'c1#deed#D1', version: 1 });
    expect(await world.eventsOf('deed', 'D1')).toEqual([
      {
        type: 'GoodDeedRecorded',
        data: expect.objectContaining({
          deedId: 'D1',
          planId: 'P26',
          residentIds: ['R1'],
          date: '2026-03-08',
        }),
      },
    ]);
    accepted(
      await recordGoodDeed(world, staff(), { ...deed, deedId: 'D2', planId: 'P26', date: '2026-04-01' }),
    );
    expect(await world.eventsOf('deed', 'D2')).toHaveLength(1);
  });

  it('refuses a deed of an unknown plan, of a year without a plan, or naming a resident not on the roster', async () => {
    const named = await recordGoodDeed(world, staff(), {
      ...deed,
      deedId: 'D1',
      planId: 'NOPE',
      date: '2026-03-08',
    });
    expect(named.outcome).toMatchObject({ code: 'plan-not-found', detail: 'plan NOPE does not exist' });
    const ofYear = await recordGoodDeed(world, staff(), { ...deed, deedId: 'D2', date: '2027-01-02' });
    expect(ofYear.outcome).toMatchObject({ code: 'plan-not-found', detail: 'plan of 2027 does not exist' });
    const stranger = await recordGoodDeed(world, staff(), {
      ...deed,
      residentIds: ['R1', 'GHOST'],
      deedId: 'D3',
      date: '2026-03-08',
    });
    expect(stranger.outcome).toMatchObject({ code: 'resident-not-found' });
    for (const id of ['D1', 'D2', 'D3']) expect(await world.eventsOf('deed', id)).toEqual([]);
  });

  it('names a model only for a resident their stream knows', async () => {
    const admin = world.acting(['admin'], 'A1');
    const input = { title: 'good-neighbor', citation: 'always there' } as const;
    accepted(await nameModel(world, admin, { ...input, modelId: 'M1', residentId: 'R1' }));
    expect(await world.eventsOf('model', 'M1')).toEqual([
      {
        type: 'ModelNamed',
        data: expect.objectContaining({ modelId: 'M1', residentId: 'R1', title: 'good-neighbor' }),
      },
    ]);
    const ghost = await nameModel(world, admin, { ...input, modelId: 'M2', residentId: 'GHOST' });
    expect(ghost.outcome).toMatchObject({ code: 'resident-not-found' });
    expect(await world.eventsOf('model', 'M2')).toEqual([]);
  });
});
