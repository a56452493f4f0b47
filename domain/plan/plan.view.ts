import * as z from 'zod';
import { type DomainEvent, PlanCreated, Target } from '../../events/index.js';
import { ERASED } from '../resident/resident.view.js';
import { entityIdOf } from '../shared/ids.js';
import { type ListRef, type ListSlice, listPrefixed, type Projection } from '../shared/projection.js';

/**
 * A member of the organizing group as the plan shows them: name and email readable (the projector
 * opened them), the resident or the plan's person they are, and `erased` once that one was erased.
 */
export const GroupMember = z.object({
  name: z.string(),
  email: z.string().optional(),
  residentId: z.string().optional(),
  personId: z.string().optional(),
  erased: z.boolean().optional(),
});
export type GroupMember = z.infer<typeof GroupMember>;

export const PlanDetail = PlanCreated.schema.extend({
  createdAt: z.string(),
  targets: z.array(Target.extend({ setAt: z.string() })),
  organizingGroup: z
    .object({
      leader: GroupMember,
      deputies: z.array(GroupMember),
      members: z.array(GroupMember),
      appointedAt: z.string(),
    })
    .nullable(),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

/** Every plan of every community, for the scheduled reports (which run for all of them). */
export const PlanIndexEntry = z.object({ community: z.string(), planId: z.string(), timeZone: z.string() });
export type PlanIndexEntry = z.infer<typeof PlanIndexEntry>;

export const planKey = (community: string, planId: string) => ({ community, view: 'plan', id: [planId] });
/** The community's plans, by year. */
export const plansList = (community: string) => ({ community, list: 'plans' });
/** The community's plans of one year. */
export const plansOfYear = (community: string, year: number): ListSlice =>
  listPrefixed(plansList(community), String(year));
/** The plan's entry in the registry every community shares (what scheduled work fans out over). */
export const allPlansKey = (community: string, planId: string) => ({
  community,
  view: 'plan-registry',
  id: [planId],
});
/** Every plan of every community. */
export const allPlansList = (): ListRef => ({ list: 'all-plans' });

const planIdOf = entityIdOf;

export const allPlans: Projection<DomainEvent, PlanIndexEntry> = {
  name: 'all-plans',
  schema: PlanIndexEntry,
  touches: (event, context) =>
    event.type === 'PlanCreated' ? [allPlansKey(context.community, event.data.planId)] : [],
  evolve: (current, event, context) =>
    event.type === 'PlanCreated'
      ? {
          data: { community: context.community, planId: event.data.planId, timeZone: event.data.timeZone },
          placement: { list: allPlansList(), order: [context.community, event.data.planId] },
        }
      : (current ?? null),
};

/** The plan as a front-end shows it: its targets as they stand now and its organizing group. */
export const planDetails: Projection<DomainEvent, PlanDetail> = {
  name: 'plan-details',
  schema: PlanDetail,
  touches(event, context) {
    switch (event.type) {
      case 'PlanCreated':
      case 'TargetSet':
      case 'OrganizingGroupAppointed':
      case 'OrganizingGroupMemberErased':
      case 'OrganizingGroupPersonErased':
        return [planKey(context.community, planIdOf(context.streamId))];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    if (event.type === 'PlanCreated') {
      return {
        data: { ...event.data, createdAt: context.recordedAt, targets: [], organizingGroup: null },
        placement: {
          list: plansList(context.community),
          order: [String(event.data.year), event.data.planId],
        },
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
      case 'OrganizingGroupMemberErased':
      case 'OrganizingGroupPersonErased': {
        const group = current.data.organizingGroup;
        if (!group) return current;
        // Only the id stays: the name and email this view held in the clear are dropped.
        const erase = (p: GroupMember): GroupMember => {
          if ('residentId' in event.data)
            return p.residentId === event.data.residentId
              ? { name: ERASED, residentId: p.residentId, erased: true }
              : p;
          return p.personId === event.data.personId && !p.residentId
            ? { name: ERASED, personId: p.personId, erased: true }
            : p;
        };
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
