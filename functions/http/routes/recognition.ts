import * as z from 'zod';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { recognitionDecider } from '../../../domain/recognition/recognition.decider.js';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { isDateOrDateTime } from '../../../domain/shared/time.js';
import type { PlanDetail } from '../../../domain/views/plan.view.js';
import { type GoodDeed, goodDeedsList } from '../../../domain/views/recognition.view.js';
import { ModelTitle } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import { DomainRefusal } from '../../middleware/problem.js';
import { executeOn } from '../command-response.js';
import type { HttpDependencies } from '../dependencies.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, listOf, trimmed } from '../schemas.js';

const GoodDeedBody = z
  .object({
    planId: Id.optional().describe("defaults to the plan of the deed's year"),
    residentIds: z.array(Id).min(1).max(50),
    title: trimmed(200),
    description: trimmed(4000),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine(isDateOrDateTime, 'not a date'),
  })
  .strict()
  .meta({ id: 'RecordGoodDeed' });
const ModelBody = z
  .object({ residentId: Id, title: ModelTitle, citation: trimmed(4000) })
  .strict()
  .meta({ id: 'NameModel' });

const onRoster = async (deps: HttpDependencies, community: string, residentId: string) =>
  (await deps.commands.load(residentDecider, streamIdOf(community, 'resident', residentId))).state.status ===
  'enrolled';

/** The plan a deed belongs to: the one named, or the community's plan of the deed's year. */
async function planFor(
  deps: HttpDependencies,
  community: string,
  planId: string | undefined,
  date: string,
): Promise<string> {
  if (planId) {
    const plan = await deps.commands.load(planDecider, streamIdOf(community, 'plan', planId));
    if (plan.state.status === 'none') throw new DomainRefusal(planErrors.notFound(planId));
    return planId;
  }
  const year = Number(date.slice(0, 4));
  const plans = await deps.views.list<PlanDetail>({
    list: `${community}#plans`,
    from: `${year}#`,
    to: `${year}#~`,
    limit: 1,
  });
  const found = plans.items[0]?.data.planId;
  if (!found) throw new DomainRefusal(planErrors.notFound(`of ${year}`));
  return found;
}

export const recognitionRoutes = [
  defineRoute({
    method: 'POST',
    path: '/good-deeds',
    operationId: 'recordGoodDeed',
    summary: "Add an entry to the community's list of good deeds",
    tag: 'Good deeds and models',
    kind: 'command',
    roles: [...roleSets.staff],
    body: GoodDeedBody,
    response: { status: 201, description: 'The good deed was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      const { body, principal } = request;
      const { community } = principal;
      const [planId, known] = await Promise.all([
        planFor(deps, community, body.planId, body.date),
        Promise.all(body.residentIds.map((id) => onRoster(deps, community, id))),
      ]);
      const deedId = request.ids.next();
      return executeOn(
        request,
        deps.commands,
        { decider: recognitionDecider, kind: 'deed', id: deedId },
        {
          type: 'RecordGoodDeed',
          deedId,
          planId,
          residentIds: body.residentIds,
          unknownResidents: body.residentIds.filter((_, i) => !known[i]),
          title: body.title,
          description: body.description,
          date: body.date,
        },
      );
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/good-deeds',
    operationId: 'listGoodDeeds',
    summary: 'The list of good deeds of a plan, by date',
    tag: 'Good deeds and models',
    kind: 'query',
    roles: [...roleSets.everyone],
    query: ListQuery.extend({ planId: Id }),
    response: {
      status: 200,
      description: 'A page of good deeds',
      schema: listOf(GoodDeedBody.extend({ deedId: z.string(), planId: z.string(), recordedAt: z.string() })),
    },
    async handle({ query, principal }, deps) {
      const page = await deps.views.list<GoodDeed>({
        list: goodDeedsList(principal.community, query.planId),
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: { items: page.items.map((i) => i.data), nextCursor: page.nextCursor ?? null },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/models',
    operationId: 'nameModel',
    summary: 'Name a resident a moral model, good neighbour or most beautiful person',
    tag: 'Good deeds and models',
    kind: 'command',
    roles: ['admin'],
    body: ModelBody,
    response: { status: 201, description: 'The model was named', schema: CommandAnswer },
    async handle(request, deps) {
      const { body, principal } = request;
      const modelId = request.ids.next();
      return executeOn(
        request,
        deps.commands,
        { decider: recognitionDecider, kind: 'model', id: modelId },
        {
          type: 'NameModel',
          modelId,
          ...body,
          residentKnown: await onRoster(deps, principal.community, body.residentId),
        },
      );
    },
  }),
];
