import type { GroupMember, PlanDetail } from '../../../domain/plan/plan.view.js';
import { planKey, plansList } from '../../../domain/plan/plan.view.js';
import { seesOrganizingGroupContacts } from '../authorization.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import type { StoredView, ViewStore } from '../view-store.js';

export interface PlanQueryDeps {
  readonly views: ViewStore;
}

/** A plan as its reader sees it, with the version of the view it was read from. */
export type PlanAsSeen = PlanDetail & { readonly version: number };

/** The plan's detail view, or 404 (also for another community's plan: the key carries the community). */
export async function readPlan(
  deps: PlanQueryDeps,
  community: string,
  planId: string,
): Promise<StoredView<PlanDetail>> {
  const item = await deps.views.get<PlanDetail>(planKey(community, planId));
  if (!item || item.deleted) throw appErrors.notFound(`plan ${planId}`);
  return item;
}

/** The plan as this caller may see it: the organizing group's email addresses go to staff only. */
function planAsSeenBy(actor: Actor, item: { data: PlanDetail; appliedVersion: number }): PlanAsSeen {
  const plan = { ...item.data, version: item.appliedVersion };
  const group = plan.organizingGroup;
  if (!group || seesOrganizingGroupContacts(actor)) return plan;
  const withoutEmail = ({ email: _email, ...person }: GroupMember) => person;
  return {
    ...plan,
    organizingGroup: {
      ...group,
      leader: withoutEmail(group.leader),
      deputies: group.deputies.map(withoutEmail),
      members: group.members.map(withoutEmail),
    },
  };
}

export async function getPlan(
  deps: PlanQueryDeps,
  actor: Actor,
  input: { planId: string },
): Promise<PlanAsSeen> {
  return planAsSeenBy(actor, await readPlan(deps, actor.community, input.planId));
}

/** The community's plans, by year. */
export async function listPlans(
  deps: PlanQueryDeps,
  actor: Actor,
  input: PageInput,
): Promise<Page<PlanAsSeen>> {
  const page = await deps.views.list<PlanDetail>({
    list: plansList(actor.community),
    limit: input.limit,
    cursor: input.cursor,
  });
  return { items: page.items.map((item) => planAsSeenBy(actor, item)), nextCursor: page.nextCursor };
}
