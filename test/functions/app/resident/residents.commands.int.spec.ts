import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appointOrganizingGroup } from '../../../../functions/app/plan/organizing-group.commands.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { enrollResident, erasePersonalData } from '../../../../functions/app/resident/residents.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

describe('resident use cases, on the event store', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  const admin = () => world.acting(['admin'], 'A1');
  const enroll = (residentId: string) =>
    enrollResident(world, admin(), {
      residentId,
      name: 'Li Wei',
      householdId: 'H-12',
      partyMember: true,
      phone: '+86 138 0000 0000',
    });

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    world = await useCaseWorld(engine);
  });

  it('enrolls a resident with their name and phone encrypted with their own key, the rest in the clear', async () => {
    expect(accepted(await enroll('R1'))).toMatchObject({ id: 'R1', version: 1 });
    const [enrolled] = await world.eventsOf('resident', 'R1');
    expect(enrolled).toMatchObject({
      type: 'ResidentEnrolled',
      data: { residentId: 'R1', householdId: 'H-12', partyMember: true },
    });
    const data = enrolled?.data as Record<string, string>;
    expect(data.name).toMatch(/^enc:/);
    expect(data.phone).toMatch(/^enc:/);
    expect(await world.personalData.reveal(COMMUNITY, 'R1', data)).toMatchObject({ name: 'Li Wei' });
  });

  it('answers 404 when erasing a resident who was never enrolled, and writes nothing', async () => {
    await expect(erasePersonalData(world, admin(), { residentId: 'GHOST' })).rejects.toMatchObject({
      kind: 'not-found',
      code: 'not-found',
    });
    expect(await world.eventsOf('resident', 'GHOST')).toEqual([]);
  });

  it('erases from every plan naming the resident (found from the key ring), then the keys, then their stream', async () => {
    await enroll('R1');
    await createPlan(world, admin(), {
      planId: 'P1',
      communityName: 'R',
      year: 2026,
      title: 'T',
      timeZone: 'UTC',
    });
    accepted(
      await appointOrganizingGroup(world, admin(), {
        planId: 'P1',
        leader: { name: 'Li Wei', residentId: 'R1' },
        deputies: [],
        members: [],
        newPersonId: () => 'UNUSED',
      }),
    );
    const erased = accepted(await erasePersonalData(world, admin(), { residentId: 'R1' }));
    expect(erased).toMatchObject({ id: 'R1', version: 2, events: [{ type: 'ResidentPersonalDataErased' }] });
    expect((await world.eventsOf('plan', 'P1')).at(-1)).toEqual({
      type: 'OrganizingGroupMemberErased',
      data: { residentId: 'R1' },
    });
    const [enrolled] = await world.eventsOf('resident', 'R1');
    expect(
      await world.personalData.reveal(COMMUNITY, 'R1', enrolled?.data as Record<string, unknown>),
    ).toMatchObject({ name: '[erased]' });
    // Erasing again touches no plan (the resident's stream says they are erased) and is refused.
    const again = await erasePersonalData(world, admin(), { residentId: 'R1' });
    expect(again.outcome).toMatchObject({ code: 'already-erased' });
    expect(await world.eventsOf('plan', 'P1')).toHaveLength(3);
  });
});
