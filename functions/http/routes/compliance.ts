import * as z from 'zod';
import { type ComplianceFacts, evaluateCompliance } from '../../../domain/compliance/compliance.js';
import type { ArticleDetail } from '../../../domain/views/article.view.js';
import {
  type ActivityComplianceRow,
  type PartyMemberRow,
  type PlanTargetsRow,
  planActivitiesList,
  planTargetsKey,
} from '../../../domain/views/compliance.view.js';
import { roleSets } from '../../app/authorization.js';
import { appErrors } from '../../app/errors.js';
import { readAll } from '../../app/read-all.js';
import type { ViewStore } from '../../app/view-store.js';
import { defineRoute } from '../route.js';
import { Id } from '../schemas.js';

export const ComplianceItem = z.object({
  targetId: z.string(),
  description: z.string(),
  metric: z.string(),
  period: z.string(),
  required: z.number(),
  actual: z.number(),
  status: z.enum(['met', 'missed', 'at-risk', 'open']),
  evidence: z.array(z.string()),
  shortMembers: z.array(z.string()).optional(),
  minimumPerMember: z.number().optional(),
});

export const Compliance = z
  .object({ planId: z.string(), asOf: z.string(), items: z.array(ComplianceItem) })
  .meta({ id: 'Compliance' });

/** The bounded compliance views of a plan (one row per activity, article and member; never its history). */
export async function complianceFacts(
  views: ViewStore,
  community: string,
  planId: string,
): Promise<ComplianceFacts> {
  const plan = await views.get<PlanTargetsRow>(planTargetsKey(community, planId));
  if (!plan || plan.deleted) throw appErrors.notFound(`plan ${planId}`);
  const [activities, articles, members] = await Promise.all([
    readAll<ActivityComplianceRow>(views, { list: planActivitiesList(community, planId) }),
    readAll<ArticleDetail>(views, { list: `${community}#articles#${planId}` }),
    readAll<PartyMemberRow>(views, { list: `${community}#party-members` }),
  ]);
  return { plan: plan.data, activities, articles, members };
}

/** Reads a plan's compliance views and judges them as of an instant. */
export async function complianceOf(views: ViewStore, community: string, planId: string, asOf: Date) {
  return evaluateCompliance(await complianceFacts(views, community, planId), asOf);
}

export const complianceRoutes = [
  defineRoute({
    method: 'GET',
    path: '/plans/{planId}/compliance',
    operationId: 'getCompliance',
    summary:
      'Where the plan stands against each target, per period; with asOf, as the history said at that instant',
    tag: 'Plans',
    kind: 'query',
    roles: [...roleSets.overseers],
    params: z.object({ planId: Id }),
    query: z.object({ asOf: z.iso.datetime({ offset: true }).optional() }),
    response: { status: 200, description: 'One item per target and period', schema: Compliance },
    async handle({ params, query, principal }, deps) {
      const now = deps.clock.now();
      // The history says nothing yet about the future: a later asOf is answered as of now.
      const asOf = query.asOf && Date.parse(query.asOf) < now.getTime() ? new Date(query.asOf) : now;
      const items = await complianceOf(deps.views, principal.community, params.planId, asOf);
      return { status: 200, body: { planId: params.planId, asOf: asOf.toISOString(), items } };
    },
  }),
];
