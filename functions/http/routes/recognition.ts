import * as z from 'zod';
import { ModelTitle } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import { nameModel, recordGoodDeed } from '../command-cases.js';
import { listGoodDeeds } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, LocalDate, listOf, trimmed } from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';

const GoodDeedBody = z
  .object({
    planId: Id.optional().describe("defaults to the plan of the deed's year"),
    residentIds: z.array(Id).min(1).max(50),
    title: trimmed(200),
    description: trimmed(4000),
    date: LocalDate,
  })
  .strict()
  .meta({ id: 'RecordGoodDeed' });
const ModelBody = z
  .object({ residentId: Id, title: ModelTitle, citation: trimmed(4000) })
  .strict()
  .meta({ id: 'NameModel' });

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
      return commandAnswer(
        await recordGoodDeed(deps, request, { ...request.body, deedId: request.ids.next() }),
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
      return pageAnswer(await listGoodDeeds(deps, principal, query));
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
      return commandAnswer(await nameModel(deps, request, { ...request.body, modelId: request.ids.next() }));
    },
  }),
];
