import * as z from 'zod';
import { roleSets } from '../../app/authorization.js';
import {
  decideNomination,
  endorseNomination,
  nominateFamily,
  recuseJudge,
  scoreNomination,
  withdrawNomination,
} from '../../app/commands/nominations.js';
import { openRound } from '../../app/commands/rounds.js';
import { getRanking } from '../../app/queries/ranking.js';
import { getRound } from '../../app/queries/rounds.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, DateOrDateTime, Id, trimmed } from '../schemas.js';
import { commandAnswer } from '../use-case-answer.js';

const OpenRoundBody = z
  .object({
    planId: Id,
    title: trimmed(200),
    criteria: z
      .array(
        z
          .object({
            key: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
            label: trimmed(200),
            weight: z.number().gt(0).max(1),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    maxScore: z.number().positive().max(1000).default(10),
    minJudges: z.number().int().min(1).max(50).default(3),
    endorsementWeight: z.number().min(0).max(1).default(0.2),
    endorsementCap: z.number().int().min(1).max(100_000).default(50),
    judges: z.array(Id).min(1).max(50),
    nominationsClose: DateOrDateTime,
    scoringCloses: DateOrDateTime,
  })
  .strict()
  .meta({ id: 'OpenRound' });

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

const JudgeScore = z.object({
  judgeId: z.string(),
  raw: z.number(),
  normalized: z.number(),
  normalizedNote: z.enum(['fewer-than-two-scored', 'no-spread']).optional(),
  criteria: z.array(
    z.object({ key: z.string(), score: z.number(), weight: z.number(), contribution: z.number() }),
  ),
});

const Ranking = z
  .object({
    roundId: z.string(),
    items: z.array(
      z.object({
        nominationId: z.string(),
        familyName: z.string(),
        rank: z.number().optional(),
        final: z.number().nullable(),
        judgeMean: z.number().nullable(),
        endorsements: z.number(),
        status: z.enum(['ranked', 'insufficient-scores', 'withdrawn']),
        explanation: z.object({
          judges: z
            .array(JudgeScore)
            .optional()
            .describe(
              "each judge's scores: to admin and organizers always, to a judge their own while scoring is open and every judge's once it closes, to everyone once the nomination is decided; absent when none may be shown",
            ),
          countingJudges: z.number(),
          minJudges: z.number(),
          meanZ: z.number().nullable(),
          tScore: z.number().nullable(),
          endorsementComponent: z.number(),
          recusals: z.array(z.object({ judgeId: z.string(), reason: z.string(), automatic: z.boolean() })),
          tieBreak: z.enum(['none', 'judgeMean', 'endorsements', 'earlier-nomination']),
        }),
      }),
    ),
  })
  .meta({ id: 'Ranking' });

const NominationParams = z.object({ nominationId: Id });

export const nominationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/rounds',
    operationId: 'openRound',
    summary: 'Open a "good family style" round: criteria (weights sum to 1), judges, closing dates',
    tag: 'Good family style',
    kind: 'command',
    roles: ['admin'],
    body: OpenRoundBody,
    response: { status: 201, description: 'The round was opened', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await openRound(deps, request, { roundId: request.ids.next(), ...request.body }));
    },
  }),
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
  defineRoute({
    method: 'GET',
    path: '/rounds/{roundId}/ranking',
    operationId: 'getRanking',
    summary: 'The ranking, computed exactly as the scoring formula says, with each entry explained',
    tag: 'Good family style',
    kind: 'query',
    roles: [...roleSets.everyone],
    params: z.object({ roundId: Id }),
    response: { status: 200, description: 'One item per nomination', schema: Ranking },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await getRanking(deps, principal, params) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/rounds/{roundId}',
    operationId: 'getRound',
    summary: 'A round with its criteria, judges and closing dates',
    tag: 'Good family style',
    kind: 'query',
    roles: [...roleSets.everyone],
    params: z.object({ roundId: Id }),
    response: { status: 200, description: 'The round', schema: z.record(z.string(), z.unknown()) },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await getRound(deps, principal, params) };
    },
  }),
];
