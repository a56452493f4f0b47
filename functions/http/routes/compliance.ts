import * as z from 'zod';
import { roleSets } from '../../app/authorization.js';
import { planCompliance } from '../query-cases.js';
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
      return {
        status: 200,
        body: await planCompliance(deps, principal, { planId: params.planId, asOf: query.asOf }),
      };
    },
  }),
];
