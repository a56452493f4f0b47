import * as z from 'zod';
import { roleSets } from '../../app/authorization.js';
import { RoundAnswer } from '../answer-schemas.js';
import { openRound } from '../command-cases.js';
import { getRanking, getRound } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, DateOrDateTime, Id, trimmed } from '../schemas.js';
import { commandAnswer } from '../use-case-answer.js';

/** The rounds of the "good family style" campaign; the nominations within them are in nominations.ts. */

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
        rank: z
          .number()
          .optional()
          .describe('ranked ones only; before the decision, to admin and organizers only'),
        final: z.number().nullable().describe('before the decision, null but to admin and organizers'),
        judgeMean: z.number().nullable().describe('before the decision, null but to admin and organizers'),
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

export const openRoundRoute = defineRoute({
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
});

/** Listed after the nomination routes, as the route table always had them. */
export const roundQueryRoutes = [
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
    response: { status: 200, description: 'The round', schema: RoundAnswer },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await getRound(deps, principal, params) };
    },
  }),
];
