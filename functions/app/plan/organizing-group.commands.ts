import { type PlanCommand, planDecider, type RosterStanding } from '../../../domain/plan/plan.decider.js';
import { isDomainError } from '../../../domain/shared/errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { Person } from '../../../events/index.js';
import type { CommandService } from '../command-handler.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import type { PersonalDataCipher } from '../personal-data.js';
import { rosterStanding } from './roster.commands.js';

export interface OrganizingGroupDeps {
  readonly commands: CommandService;
}

/** An entry of the group as given: a resident, a person the plan named before, or someone new to it. */
export interface GroupEntryInput {
  readonly name: string;
  readonly email?: string | undefined;
  readonly residentId?: string | undefined;
  readonly personId?: string | undefined;
}

export interface AppointOrganizingGroupInput {
  readonly planId: string;
  readonly leader: GroupEntryInput;
  readonly deputies: readonly GroupEntryInput[];
  readonly members: readonly GroupEntryInput[];
  /** Issues the id of a person the plan has not named before (the request's next id). */
  readonly newPersonId: () => string;
}

type Appointment = Extract<PlanCommand, { type: 'AppointOrganizingGroup' }>;

/**
 * Gives everyone new to the plan who is not a resident a person id: entries of this appointment with
 * the same email (in any case), or with no email and the same name, are one person and get one id.
 */
function identified(
  input: AppointOrganizingGroupInput,
): Pick<Appointment, 'leader' | 'deputies' | 'members' | 'newPersons'> {
  const issued = new Map<string, string>();
  const identify = (entry: GroupEntryInput): Person => {
    const { name, email, residentId, personId } = entry;
    const person = { name, ...(email ? { email } : {}) };
    if (residentId) return { ...person, residentId, ...(personId ? { personId } : {}) };
    if (personId) return { ...person, personId };
    const who = email ? `email:${email.toLowerCase()}` : `name:${name}`;
    if (!issued.has(who)) issued.set(who, input.newPersonId());
    return { ...person, personId: issued.get(who)! };
  };
  return {
    leader: identify(input.leader),
    deputies: input.deputies.map(identify),
    members: input.members.map(identify),
    newPersons: [...issued.values()],
  };
}

/**
 * Appoints the organizing group. Each resident it names is looked up on their own stream; everyone
 * else is a person of the plan (a new one gets an id). Every name and email enters the plan's history
 * sealed with a new key of that resident's or that person's ring, so erasing either reaches this
 * group too. The group is decided on as given first: no key is made for a group the plan refuses.
 */
export async function appointOrganizingGroup(
  deps: OrganizingGroupDeps & { readonly personalData: Pick<PersonalDataCipher, 'sealerIn'> },
  actor: CommandActor,
  input: AppointOrganizingGroupInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const streamId = streamIdOf(community, 'plan', input.planId);
  const group = identified(input);
  const named = [group.leader, ...group.deputies, ...group.members].flatMap((p) =>
    p.residentId ? [p.residentId] : [],
  );
  const roster: Record<string, RosterStanding> = Object.fromEntries(
    await Promise.all(
      [...new Set(named)].map(async (residentId) => [
        residentId,
        await rosterStanding(deps.commands, community, residentId),
      ]),
    ),
  );
  const appointment: Appointment = { type: 'AppointOrganizingGroup', planId: input.planId, roster, ...group };
  return executeOn(
    deps.commands,
    actor,
    { decider: planDecider, kind: 'plan', id: input.planId },
    async (state) => {
      const refused = planDecider.decide(appointment, state);
      if (isDomainError(refused)) return refused;
      // One new key per person named, however many seats they hold.
      const sealers = new Map<string, ReturnType<typeof deps.personalData.sealerIn>>();
      const seal = async (person: Person) => {
        const subjectId = (person.residentId ?? person.personId)!;
        if (!sealers.has(subjectId))
          sealers.set(subjectId, deps.personalData.sealerIn(community, subjectId, streamId));
        return (await sealers.get(subjectId)!)(person);
      };
      return {
        ...appointment,
        leader: await seal(appointment.leader),
        deputies: await Promise.all(appointment.deputies.map(seal)),
        members: await Promise.all(appointment.members.map(seal)),
      };
    },
  );
}

/**
 * Erases a person of the plan's organizing group who is not a resident: their key ring is destroyed
 * (every appointment that named them keeps noise), then the erasure is recorded on the plan, whose
 * group shows them as erased. A person the plan never named is refused before any key is touched.
 */
export async function eraseOrganizingGroupPerson(
  deps: OrganizingGroupDeps & { readonly personalData: Pick<PersonalDataCipher, 'destroy'> },
  actor: CommandActor,
  input: { readonly planId: string; readonly personId: string },
): Promise<CommandResult> {
  const { community } = actor.principal;
  const erase = { type: 'EraseOrganizingGroupPerson', ...input } as const;
  return executeOn(
    deps.commands,
    actor,
    { decider: planDecider, kind: 'plan', id: input.planId },
    async (state) => {
      // The plan's own rules refuse first (no plan, a person it never named, one already erased).
      const refused = planDecider.decide(erase, state);
      if (isDomainError(refused)) return refused;
      // The keys go before the event: if recording it fails, the data is already unreadable and a retry records it.
      await deps.personalData.destroy(community, input.personId);
      return erase;
    },
  );
}
