import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  appointOrganizingGroup,
  eraseOrganizingGroupPerson,
} from '../../../../functions/app/plan/organizing-group.commands.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { getPlan } from '../../../../functions/app/plan/plans.queries.js';
import { enrollResident, erasePersonalData } from '../../../../functions/app/resident/residents.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

type Entry = Record<string, string>;
type Group = { leader: Entry; deputies: Entry[]; members: Entry[] };

describe('organizing-group use cases, on the event store', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  let issued: number;
  const admin = () => world.acting(['admin'], 'A1');
  const newPersonId = () => `PERSON-${++issued}`;
  const group = (planId: string, leaderId: string) =>
    appointOrganizingGroup(world, admin(), {
      planId,
      leader: { name: 'Li Wei', email: 'li@example.org', residentId: leaderId },
      deputies: [{ name: 'Officer Zhao', email: 'zhao@police.example' }],
      members: [],
      newPersonId,
    });
  const plan = () =>
    createPlan(world, admin(), { planId: 'P1', communityName: 'R', year: 2026, title: 'T', timeZone: 'UTC' });
  const appointed = async (planId = 'P1') => (await world.eventsOf('plan', planId)).at(-1)?.data as Group;

  beforeAll(async () => {
    engine = await startEngine('dynalite');
  });
  afterAll(async () => engine?.close());
  beforeEach(async () => {
    world = await useCaseWorld(engine);
    issued = 0;
  });

  it('refuses a group for a plan that does not exist before any key is made for the people it names', async () => {
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    const { outcome } = await group('NOPE', 'R1');
    expect(outcome).toMatchObject({ code: 'plan-not-found' });
    expect(await world.personalData.streamsHolding(COMMUNITY, 'R1')).toEqual([]);
    expect(await world.personalData.streamsHolding(COMMUNITY, 'PERSON-1')).toEqual([]);
    expect(await world.eventsOf('plan', 'NOPE')).toEqual([]);
  });

  it("seals every name and email with a key of its person's ring: a resident's, or the plan's person's", async () => {
    await plan();
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    accepted(await group('P1', 'R1'));
    const { leader, deputies } = await appointed();
    expect(leader).toMatchObject({ residentId: 'R1', name: expect.stringMatching(/^enc:v2:/) });
    expect(leader.email).toMatch(/^enc:v2:/);
    expect(deputies).toEqual([
      {
        name: expect.stringMatching(/^enc:v2:/),
        email: expect.stringMatching(/^enc:v2:/),
        personId: 'PERSON-1',
      },
    ]);
    expect(JSON.stringify(await world.eventsOf('plan', 'P1'))).not.toMatch(/Zhao|zhao@|Li Wei|li@/);
    expect(await world.personalData.streamsHolding(COMMUNITY, 'R1')).toEqual([`${COMMUNITY}#plan#P1`]);
    expect(await world.personalData.streamsHolding(COMMUNITY, 'PERSON-1')).toEqual([`${COMMUNITY}#plan#P1`]);
    await world.project();
    const shown = await getPlan(world, world.as(['admin']), { planId: 'P1' });
    expect(shown.organizingGroup?.deputies).toEqual([
      { name: 'Officer Zhao', email: 'zhao@police.example', personId: 'PERSON-1' },
    ]);
  });

  it('gives one person one id in an appointment, and keeps their id when named again', async () => {
    await plan();
    const zhao = { name: 'Officer Zhao', email: 'zhao@police.example' };
    accepted(
      await appointOrganizingGroup(world, admin(), {
        planId: 'P1',
        leader: { name: 'Director Sun' },
        deputies: [zhao],
        members: [{ ...zhao, email: 'ZHAO@police.example' }, { name: 'Director Sun' }],
        newPersonId,
      }),
    );
    const first = await appointed();
    expect([first.leader, ...first.deputies, ...first.members].map((p) => p.personId)).toEqual([
      'PERSON-1',
      'PERSON-2',
      'PERSON-2',
      'PERSON-1',
    ]);
    // One key per person, however many seats they hold.
    const keyId = (p: Entry) => p.name!.split(':')[2];
    expect(keyId(first.deputies[0]!)).toBe(keyId(first.members[0]!));
    expect(keyId(first.leader)).toBe(keyId(first.members[1]!));
    expect(keyId(first.leader)).not.toBe(keyId(first.deputies[0]!));
    accepted(
      await appointOrganizingGroup(world, admin(), {
        planId: 'P1',
        leader: { ...zhao, personId: 'PERSON-2' },
        deputies: [],
        members: [],
        newPersonId,
      }),
    );
    expect((await appointed()).leader.personId).toBe('PERSON-2');
    expect(issued).toBe(2);
    const unknown = await appointOrganizingGroup(world, admin(), {
      planId: 'P1',
      leader: { ...zhao, personId: 'PERSON-9' },
      deputies: [],
      members: [],
      newPersonId,
    });
    expect(unknown.outcome).toMatchObject({ code: 'person-not-found' });
    expect(await world.personalData.streamsHolding(COMMUNITY, 'PERSON-9')).toEqual([]);
  });

  it('erases a person of the plan: their ring is destroyed, the group shows them erased, a second time is a conflict', async () => {
    await plan();
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    accepted(await group('P1', 'R1'));
    const erased = accepted(
      await eraseOrganizingGroupPerson(world, admin(), { planId: 'P1', personId: 'PERSON-1' }),
    );
    expect(erased).toMatchObject({ id: 'P1', events: [{ type: 'OrganizingGroupPersonErased' }] });
    expect(await world.personalData.streamsHolding(COMMUNITY, 'PERSON-1')).toEqual([]);
    await world.project();
    const shown = await getPlan(world, world.as(['admin']), { planId: 'P1' });
    expect(shown.organizingGroup?.deputies).toEqual([
      { name: '[erased]', personId: 'PERSON-1', erased: true },
    ]);
    expect(shown.organizingGroup?.leader).toMatchObject({ name: 'Li Wei', residentId: 'R1' });
    // Refused by the plan's rules before any key store is touched.
    const untouched = {
      destroy: () => Promise.reject(new Error('a refused erasure must not reach the key ring')),
    };
    const again = await eraseOrganizingGroupPerson({ ...world, personalData: untouched }, admin(), {
      planId: 'P1',
      personId: 'PERSON-1',
    });
    expect(again.outcome).toMatchObject({ code: 'already-erased' });
    const renamed = await appointOrganizingGroup(world, admin(), {
      planId: 'P1',
      leader: { name: 'Officer Zhao', personId: 'PERSON-1' },
      deputies: [],
      members: [],
      newPersonId,
    });
    expect(renamed.outcome).toMatchObject({ code: 'person-erased' });
  });

  it("never destroys a ring through a plan that did not name its person (a resident's id is no person id)", async () => {
    await plan();
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    accepted(await group('P1', 'R1'));
    const refused = await eraseOrganizingGroupPerson(world, admin(), { planId: 'P1', personId: 'R1' });
    expect(refused.outcome).toMatchObject({ code: 'person-not-found' });
    const gone = await eraseOrganizingGroupPerson(world, admin(), { planId: 'NOPE', personId: 'PERSON-1' });
    expect(gone.outcome).toMatchObject({ code: 'plan-not-found' });
    expect(await world.personalData.streamsHolding(COMMUNITY, 'R1')).toEqual([`${COMMUNITY}#plan#P1`]);
    expect(await world.personalData.streamsHolding(COMMUNITY, 'PERSON-1')).toEqual([`${COMMUNITY}#plan#P1`]);
  });

  it("reads each named resident's standing from their stream: unknown and erased residents are refused", async () => {
    await plan();
    expect((await group('P1', 'GHOST')).outcome).toMatchObject({ code: 'resident-not-found' });
    accepted(await enrollResident(world, admin(), { residentId: 'R1', name: 'Li Wei', householdId: 'H' }));
    accepted(await erasePersonalData(world, admin(), { residentId: 'R1' }));
    expect((await group('P1', 'R1')).outcome).toMatchObject({ code: 'resident-erased' });
    expect(await world.eventsOf('plan', 'P1')).toHaveLength(1);
  });
});
