import { type ArticleDetail, articlesList } from '../../../domain/article/article.view.js';
import { type ComplianceFacts, evaluateCompliance } from '../../../domain/compliance/compliance.js';
import {
  type ActivityComplianceRow,
  type PartyMemberRow,
  type PlanTargetsRow,
  partyMembersList,
  planActivitiesList,
  planTargetsKey,
} from '../../../domain/compliance/compliance.view.js';
import type { Caller } from '../authorization.js';
import { type EquipmentRegister, equipmentInspectionFacts } from '../equipment/equipment.queries.js';
import { appErrors } from '../errors.js';
import type { Clock } from '../ports.js';
import { readAll } from '../read-all.js';
import type { ViewStore } from '../view-store.js';

/**
 * The bounded compliance views of a plan (one row per activity, article and member; never its
 * history): what the compliance query, the reports and the auditor's replay all judge.
 */
export async function complianceFacts(
  views: ViewStore,
  community: string,
  planId: string,
  /** The equipment register when the caller reads it anyway (the report), else read here if judged. */
  register?: Promise<EquipmentRegister>,
): Promise<ComplianceFacts> {
  // The plan and its rows in one round trip: none of the rows' reads depends on the plan.
  const [plan, activities, articles, members] = await Promise.all([
    views.get<PlanTargetsRow>(planTargetsKey(community, planId)),
    readAll<ActivityComplianceRow>(views, { list: planActivitiesList(community, planId) }),
    readAll<ArticleDetail>(views, { list: articlesList(community, planId) }),
    readAll<PartyMemberRow>(views, { list: partyMembersList(community) }),
  ]);
  if (!plan || plan.deleted) throw appErrors.notFound(`plan ${planId}`);
  // The equipment register is read only where a target judges it: other plans pay no extra read.
  const judgesEquipment = plan.data.history.some((t) => t.metric === 'equipment-inspected');
  const equipment = judgesEquipment
    ? await (register ?? equipmentInspectionFacts(views, community))
    : undefined;
  return { plan: plan.data, activities, articles, members, ...(equipment ? { equipment } : {}) };
}

/** Reads a plan's compliance views and judges them as of an instant. */
export async function complianceOf(views: ViewStore, community: string, planId: string, asOf: Date) {
  return evaluateCompliance(await complianceFacts(views, community, planId), asOf);
}

export interface PlanComplianceDeps {
  readonly views: ViewStore;
  readonly clock: Clock;
}

/** GET /plans/{planId}/compliance: where the plan stands, now or as the history said at `asOf`. */
export async function planCompliance(
  deps: PlanComplianceDeps,
  reader: Caller & { readonly community: string },
  input: { readonly planId: string; readonly asOf?: string },
) {
  const now = deps.clock.now();
  // The history says nothing yet about the future: a later asOf is answered as of now.
  const asOf = input.asOf && Date.parse(input.asOf) < now.getTime() ? new Date(input.asOf) : now;
  const items = await complianceOf(deps.views, reader.community, input.planId, asOf);
  return { planId: input.planId, asOf: asOf.toISOString(), items };
}
