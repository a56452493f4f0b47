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
    } & OrganizingGroup)
  | { readonly type: 'EraseOrganizingGroupMember'; readonly planId: string; readonly residentId: string };

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
        const { leader, deputies, members, roster } = command;
        const key = (p: { residentId?: string; email?: string; name: string }) =>
          p.residentId ?? p.email ?? p.name;
        if (deputies.some((d) => key(d) === key(leader))) return planErrors.leaderInDeputies();
        for (const residentId of residentsNamed({ leader, deputies, members })) {
          const standing = roster[residentId] ?? 'unknown';
          if (standing === 'unknown') return planErrors.residentNotFound(residentId);
          // Their key is gone: naming them again would store personal data no erasure can reach.
          if (standing === 'erased') return planErrors.residentErased(residentId);
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
        };
      case 'TargetSet':
        return state.status === 'active'
          ? { ...state, targets: { ...state.targets, [event.data.targetId]: event.data } }
          : state;
      case 'OrganizingGroupAppointed':
        return state.status === 'active' ? { ...state, groupResidents: residentsNamed(event.data) } : state;
      case 'OrganizingGroupMemberErased':
        return state.status === 'active'
          ? { ...state, groupResidents: state.groupResidents.filter((id) => id !== event.data.residentId) }
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
