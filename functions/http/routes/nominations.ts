import * as z from 'zod';
import { roleSets } from '../../app/authorization.js';
import {
  decideNomination,
  endorseNomination,
  nominateFamily,
  recuseJudge,
  scoreNomination,
  withdrawNomination,
} from '../command-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, trimmed } from '../schemas.js';
import { commandAnswer } from '../use-case-answer.js';
import { openRoundRoute, roundQueryRoutes } from './rounds.js';

const NominateBody = z
  .object({
    householdId: trimmed(64),
    familyName: trimmed(200),
    nominatedBy: Id,
    consentBy: Id.optional().describe(
      'a member of the nominee household who agreed, when the nominator is not one',
    ),
    motto: trimmed(500).optional(),
    story: trimmed(10_000),
  })
  .strict()
  .meta({ id: 'NominateFamily' });

const EndorseBody = z
  .object({ residentId: Id.optional().describe('staff only: endorse on behalf of this resident') })
  .strict();
const RecuseBody = z.object({ judgeId: Id, reason: trimmed(1000) }).strict();
const ScoreBody = z
  .object({ scores: z.record(z.string(), z.number()) })
  .strict()
  .meta({ id: 'ScoreNomination' });
const DecisionBody = z
  .object({ outcome: z.enum(['awarded', 'commended', 'not-selected']), rationale: trimmed(4000) })
  .strict()
  .meta({ id: 'DecideNomination' });
const WithdrawBody = z.object({ reason: trimmed(1000) }).strict();

const NominationParams = z.object({ nominationId: Id });

export const nominationRoutes = [
  openRoundRoute,
  defineRoute({
    method: 'POST',
    path: '/rounds/{roundId}/nominations',
    operationId: 'nominateFamily',
    summary: 'Nominate a household (once per round; consent of the household when nominated by someone else)',
    tag: 'Good family style',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: z.object({ roundId: Id }),
    body: NominateBody,
    response: { status: 201, description: 'The family was nominated', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await nominateFamily(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/nominations/{nominationId}/endorsements',
    operationId: 'endorseNomination',
    summary: 'Endorse a nomination (a resident, once, never their own household, while nominations are open)',
    tag: 'Good family style',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: NominationParams,
    body: EndorseBody,
    response: { status: 201, description: 'The endorsement was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await endorseNomination(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/nominations/{nominationId}/recusals',
    operationId: 'recuseJudge',
    summary: 'A judge declares a conflict with a reason; their scores for it stop counting',
    tag: 'Good family style',
    kind: 'command',
    roles: ['judge', 'admin'],
    params: NominationParams,
    body: RecuseBody,
    response: { status: 201, description: 'The recusal was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await recuseJudge(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/nominations/{nominationId}/scores',
    operationId: 'scoreNomination',
    summary: "A judge's scores on every criterion (a later score replaces the earlier one)",
    tag: 'Good family style',
    kind: 'command',
    besideClaim: true,
    roles: ['judge'],
    params: NominationParams,
    body: ScoreBody,
    response: { status: 201, description: 'The scores were recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await scoreNomination(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/nominations/{nominationId}/withdraw',
    operationId: 'withdrawNomination',
    summary: 'Withdraw a nomination (the household may be nominated again)',
    tag: 'Good family style',
    kind: 'command',
    roles: [...roleSets.staff],
    params: NominationParams,
    body: WithdrawBody,
    response: { status: 201, description: 'The nomination was withdrawn', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await withdrawNomination(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/nominations/{nominationId}/decision',
    operationId: 'decideNomination',
    summary: 'The committee decides, after scoring closes, with a written rationale',
    tag: 'Good family style',
    kind: 'command',
    roles: ['admin'],
    params: NominationParams,
    body: DecisionBody,
    response: { status: 201, description: 'The decision was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await decideNomination(deps, request, { ...request.params, ...request.body }));
    },
  }),
  ...roundQueryRoutes,
];
