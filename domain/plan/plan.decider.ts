import type * as z from 'zod';
import type { OrganizingGroupAppointed, PlanEvent, Target } from '../../events/index.js';
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
    }
  | { readonly type: 'SetTarget'; readonly planId: string; readonly target: Target }
  | ({ readonly type: 'AppointOrganizingGroup'; readonly planId: string } & OrganizingGroup);

export type PlanState =
  | { readonly status: 'none' }
  | {
      readonly status: 'active';
      readonly planId: string;
      readonly year: number;
      readonly timeZone: string;
      readonly targets: Readonly<Record<string, Target>>;
    };

const activityMetrics = new Set(['activities-held', 'held-within-window', 'record-complete']);

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
    if (state.status === 'none') return planErrors.notFound(command.planId);
    switch (command.type) {
      case 'SetTarget': {
        const { target } = command;
        if (activityMetrics.has(target.metric) && !target.category)
          return planErrors.targetNeedsCategory(target.metric);
        if (target.metric === 'articles-per-member' && (target.category || target.format))
          return planErrors.targetTakesNoCategory();
        // Setting a target to what it already is records nothing: history holds changes, not repeats.
        if (sameTarget(state.targets[target.targetId], target)) return [];
        return [{ type: 'TargetSet', data: target }];
      }
      case 'AppointOrganizingGroup': {
        const { leader, deputies, members } = command;
        const key = (p: { residentId?: string; email?: string; name: string }) =>
          p.residentId ?? p.email ?? p.name;
        if (deputies.some((d) => key(d) === key(leader))) return planErrors.leaderInDeputies();
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
          targets: {},
        };
      case 'TargetSet':
        return state.status === 'active'
          ? { ...state, targets: { ...state.targets, [event.data.targetId]: event.data } }
          : state;
      default:
        return state;
    }
  },
};
