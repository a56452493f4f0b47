import type { DomainEvent, Person, Target } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { Projection } from './projection.js';
import { ERASED } from './resident.view.js';

/** A member of the organizing group as the plan shows them; `erased` once the resident they are was erased. */
export type GroupMember = Person & { erased?: boolean };

export type PlanDetail = {
  planId: string;
  communityName: string;
  year: number;
  title: string;
  timeZone: string;
  createdAt: string;
  targets: (Target & { setAt: string })[];
  organizingGroup: {
    leader: GroupMember;
    deputies: GroupMember[];
    members: GroupMember[];
    appointedAt: string;
  } | null;
};

export const planKey = (community: string, planId: string) => ({
  pk: `${community}#plan#${planId}`,
  sk: 'detail',
});

const planIdOf = entityIdOf;

/** The plan as a front-end shows it: its targets as they stand now and its organizing group. */
/** Every plan of every community, for the scheduled reports (which run for all of them). */
export const allPlans: Projection<DomainEvent, { community: string; planId: string; timeZone: string }> = {
  name: 'all-plans',
  keys: (event, context) =>
    event.type === 'PlanCreated' ? [{ pk: '$plans', sk: `${context.community}#${event.data.planId}` }] : [],
  apply: (current, event, context) =>
    event.type === 'PlanCreated'
      ? {
          data: { community: context.community, planId: event.data.planId, timeZone: event.data.timeZone },
          gsi1pk: '$all-plans',
          gsi1sk: `${context.community}#${event.data.planId}`,
        }
      : (current ?? null),
};

export const planDetails: Projection<DomainEvent, PlanDetail> = {
  name: 'plan-details',
  keys(event, context) {
    switch (event.type) {
      case 'PlanCreated':
      case 'TargetSet':
      case 'OrganizingGroupAppointed':
      case 'OrganizingGroupMemberErased':
        return [planKey(context.community, planIdOf(context.streamId))];
      default:
        return [];
    }
  },
  apply(current, event, context) {
    if (event.type === 'PlanCreated') {
      return {
        data: { ...event.data, createdAt: context.recordedAt, targets: [], organizingGroup: null },
        gsi1pk: `${context.community}#plans`,
        gsi1sk: `${event.data.year}#${event.data.planId}`,
      };
    }
    if (!current) return null;
    switch (event.type) {
      case 'TargetSet': {
        const others = current.data.targets.filter((t) => t.targetId !== event.data.targetId);
        const targets = [...others, { ...event.data, setAt: context.recordedAt }].sort((a, b) =>
          a.targetId.localeCompare(b.targetId),
        );
        return { ...current, data: { ...current.data, targets } };
      }
      case 'OrganizingGroupAppointed':
        return {
          ...current,
          data: { ...current.data, organizingGroup: { ...event.data, appointedAt: context.recordedAt } },
        };
      case 'OrganizingGroupMemberErased': {
        const group = current.data.organizingGroup;
        if (!group) return current;
        const { residentId } = event.data;
        // Only the residentId stays: the name and email this view held in the clear are dropped.
        const erase = (p: GroupMember): GroupMember =>
          p.residentId === residentId ? { name: ERASED, residentId, erased: true } : p;
        return {
          ...current,
          data: {
            ...current.data,
            organizingGroup: {
              ...group,
              leader: erase(group.leader),
              deputies: group.deputies.map(erase),
              members: group.members.map(erase),
            },
          },
        };
      }
      default:
        return current;
    }
  },
};
