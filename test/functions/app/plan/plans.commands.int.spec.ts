import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  appointOrganizingGroup,
  createPlan,
  setTarget,
} from '../../../../functions/app/plan/plans.commands.js';
import { enrollResident, erasePersonalData } from '../../../../functions/app/resident/residents.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

describe('plan use cases, on the event store', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  const admin = () => world.acting(['admin'], 'A1');
  const group = (planId: string, leaderId: string) =>
    appointOrganizingGroup(world, admin(), {
      planId,
      leader: { name: 'Li Wei', email: 'li@example.org', residentId: leaderId },
      deputies: [{ name: 'Officer Zhao', email: 'zhao@police.example' }],
      members: [],
    });

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

  it('refuses a group for a plan that does not exist before any key is made for the residents it names', async () => {
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    const { outcome } = await group('NOPE', 'R1');
    expect(outcome).toMatchObject({ code: 'plan-not-found' });
    expect(await world.personalData.streamsHolding(COMMUNITY, 'R1')).toEqual([]);
    expect(await world.eventsOf('plan', 'NOPE')).toEqual([]);
  });

  it("seals an enrolled resident's name and email with a key of their ring; others are stored as given", async () => {
    await createPlan(world, admin(), {
      planId: 'P1',
      communityName: 'R',
      year: 2026,
      title: 'T',
      timeZone: 'UTC',
    });
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    accepted(await group('P1', 'R1'));
    const [, appointed] = await world.eventsOf('plan', 'P1');
    const data = appointed?.data as { leader: Record<string, string>; deputies: Record<string, string>[] };
    expect(data.leader.residentId).toBe('R1');
    expect(data.leader.name).toMatch(/^enc:/);
    expect(data.leader.email).toMatch(/^enc:/);
    expect(data.deputies).toEqual([{ name: 'Officer Zhao', email: 'zhao@police.example' }]);
    expect(await world.personalData.streamsHolding(COMMUNITY, 'R1')).toEqual([`${COMMUNITY}#plan#P1`]);
  });

  it("reads each named resident's standing from their stream: unknown and erased residents are refused", async () => {
    await createPlan(world, admin(), {
      planId: 'P1',
      communityName: 'R',
      year: 2026,
      title: 'T',
      timeZone: 'UTC',
    });
    expect((await group('P1', 'GHOST')).outcome).toMatchObject({ code: 'resident-not-found' });
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    accepted(await erasePersonalData(world, admin(), { residentId: 'R1' }));
    expect((await group('P1', 'R1')).outcome).toMatchObject({ code: 'resident-erased' });
    expect(await world.eventsOf('plan', 'P1')).toHaveLength(1);
  });
});
