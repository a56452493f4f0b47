import type * as z from 'zod';
import type { Locale, OrganizingGroupAppointed, PlanEvent, Target } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { planErrors } from './plan.errors.js';

type OrganizingGroup = z.infer<(typeof OrganizingGroupAppointed)['schema']>;

export type PlanCommand =
  | {
      readonly type: 'CreatePlan';
      readonly planId: string;
      readonly communityName: string;
      readonly year: number;
      readonly title: string;
      readonly timeZone: string;
      /** The language its scheduled reports are written in. */
      readonly locale?: Locale;
      /** How long before an activity's window and after it check-in is accepted, in minutes. */
      readonly checkInMarginMinutes?: number;
    }
  | { readonly type: 'SetTarget'; readonly planId: string; readonly target: Target }
  | ({
      readonly type: 'AppointOrganizingGroup';
      readonly planId: string;
      /** How the roster stands for each residentId the group names, as the handler loaded it. */
      readonly roster: Readonly<Record<string, RosterStanding>>;
      /** The person ids this appointment issues: people who are not residents, named for the first time. */
      readonly newPersons: readonly string[];
    } & OrganizingGroup)
  | { readonly type: 'EraseOrganizingGroupMember'; readonly planId: string; readonly residentId: string }
  | { readonly type: 'EraseOrganizingGroupPerson'; readonly planId: string; readonly personId: string };

/** A resident as the roster has them: enrolled, enrolled but erased, or not on it. */
export type RosterStanding = 'enrolled' | 'erased' | 'unknown';

export type PlanState =
  | { readonly status: 'none' }
  | {
      readonly status: 'active';
      readonly planId: string;
      readonly year: number;
      readonly timeZone: string;
      /** Absent on plans created before the setting: activities then take the default. */
      readonly checkInMarginMinutes?: number;
      readonly targets: Readonly<Record<string, Target>>;
      /** Residents the current organizing group names whose personal data it still holds. */
      readonly groupResidents: readonly string[];
      /** Every person (not a resident) the plan's groups have named, and whether they were erased. */
      readonly persons: Readonly<Record<string, 'named' | 'erased'>>;
    };

const activityMetrics = new Set(['activities-held', 'held-within-window', 'record-complete']);
/** Metrics that judge people or things, not activities of a category: a category would be ignored. */
const metricsWithoutCategory = new Set(['articles-per-member', 'members-study', 'equipment-inspected']);

function sameTarget(a: Target | undefined, b: Target): boolean {
  return (
    a !== undefined &&
    a.description === b.description &&
    a.metric === b.metric &&
    a.category === b.category &&
    a.format === b.format &&
    a.minimum === b.minimum &&
    a.per === b.per
  );
}

export const planDecider: Decider<PlanCommand, PlanState, PlanEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'CreatePlan') {
      if (state.status !== 'none') return planErrors.alreadyExists(command.planId);
      const { type: _type, ...data } = command;
      return [{ type: 'PlanCreated', data }];
    }
    if (command.type === 'EraseOrganizingGroupMember') {
      // No plan, or not in its current group (or erased from it already): nothing shows them to erase.
      if (state.status === 'none' || !state.groupResidents.includes(command.residentId)) return [];
      return [{ type: 'OrganizingGroupMemberErased', data: { residentId: command.residentId } }];
    }
    if (state.status === 'none') return planErrors.notFound(command.planId);
    switch (command.type) {
      case 'EraseOrganizingGroupPerson': {
        const standing = state.persons[command.personId];
        if (!standing) return planErrors.personNotFound(command.personId);
        if (standing === 'erased') return planErrors.personAlreadyErased(command.personId);
        return [{ type: 'OrganizingGroupPersonErased', data: { personId: command.personId } }];
      }
      case 'SetTarget': {
        const { target } = command;
        if (activityMetrics.has(target.metric) && !target.category)
          return planErrors.targetNeedsCategory(target.metric);
        if (metricsWithoutCategory.has(target.metric) && (target.category || target.format))
          return planErrors.targetTakesNoCategory(target.metric);
        // Setting a target to what it already is records nothing: history holds changes, not repeats.
        if (sameTarget(state.targets[target.targetId], target)) return [];
        return [{ type: 'TargetSet', data: target }];
      }
      case 'AppointOrganizingGroup': {
        const { leader, deputies, members, roster, newPersons } = command;
        const people = [leader, ...deputies, ...members];
        if (people.some((p) => p.residentId && p.personId)) return planErrors.residentOrPerson();
        // Names and emails arrive sealed (each copy differently): people are told apart by their ids.
        const key = (p: { residentId?: string; personId?: string; name: string }) =>
          p.residentId ?? p.personId ?? p.name;
        if (deputies.some((d) => key(d) === key(leader))) return planErrors.leaderInDeputies();
        for (const residentId of residentsNamed({ leader, deputies, members })) {
          const standing = roster[residentId] ?? 'unknown';
          if (standing === 'unknown') return planErrors.residentNotFound(residentId);
          // Their key is gone: naming them again would store personal data no erasure can reach.
          if (standing === 'erased') return planErrors.residentErased(residentId);
        }
        for (const personId of personsNamed({ leader, deputies, members })) {
          if (newPersons.includes(personId)) continue;
          const standing = state.persons[personId];
          if (!standing) return planErrors.personNotFound(personId);
          // Their ring is destroyed: the same reason as for an erased resident.
          if (standing === 'erased') return planErrors.personErased(personId);
        }
        return [{ type: 'OrganizingGroupAppointed', data: { leader, deputies, members } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PlanCreated':
        return {
          status: 'active',
          planId: event.data.planId,
          year: event.data.year,
          timeZone: event.data.timeZone,
          ...(event.data.checkInMarginMinutes === undefined
            ? {}
            : { checkInMarginMinutes: event.data.checkInMarginMinutes }),
          targets: {},
          groupResidents: [],
          persons: {},
        };
      case 'TargetSet':
        return state.status === 'active'
          ? { ...state, targets: { ...state.targets, [event.data.targetId]: event.data } }
          : state;
      case 'OrganizingGroupAppointed': {
        if (state.status !== 'active') return state;
        const named = Object.fromEntries(personsNamed(event.data).map((id) => [id, 'named' as const]));
        return {
          ...state,
          groupResidents: residentsNamed(event.data),
          persons: { ...named, ...state.persons },
        };
      }
      case 'OrganizingGroupMemberErased':
        return state.status === 'active'
          ? { ...state, groupResidents: state.groupResidents.filter((id) => id !== event.data.residentId) }
          : state;
      case 'OrganizingGroupPersonErased':
        return state.status === 'active'
          ? { ...state, persons: { ...state.persons, [event.data.personId]: 'erased' } }
          : state;
      default:
        return state;
    }
  },
};

/** The residents an organizing group names, each once. */
function residentsNamed(group: OrganizingGroup): string[] {
  const people = [group.leader, ...group.deputies, ...group.members];
  return [...new Set(people.flatMap((p) => (p.residentId ? [p.residentId] : [])))];
}

/** The people (not residents) an organizing group names, each once. */
function personsNamed(group: OrganizingGroup): string[] {
  const people = [group.leader, ...group.deputies, ...group.members];
  return [...new Set(people.flatMap((p) => (p.personId && !p.residentId ? [p.personId] : [])))];
}
