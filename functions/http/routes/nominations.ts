import { createHash } from 'node:crypto';
import * as z from 'zod';
import {
  type NominationCommand,
  nominationDecider,
  type RoundFacts,
  type Someone,
} from '../../../domain/nomination/nomination.decider.js';
import { nominationErrors } from '../../../domain/nomination/nomination.errors.js';
import { roundDecider } from '../../../domain/nomination/round.decider.js';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { type RankingEntry, rankNominations } from '../../../domain/scoring/ranking.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { resolveInstant } from '../../../domain/shared/time.js';
import {
  type NominationRow,
  type RoundDetail,
  roundKey,
  roundNominationsList,
} from '../../../domain/views/nomination.view.js';
import { actsForJudge, assertActsFor, isStaff, roleSets, seesJudgeScores } from '../../app/authorization.js';
import { ApplicationError, appErrors } from '../../app/errors.js';
import { readAll } from '../../app/read-all.js';
import { DomainRefusal } from '../../middleware/problem.js';
import { commandResponse, commitMetadata, executeOn } from '../command-response.js';
import type { HttpDependencies } from '../dependencies.js';
import type { Principal } from '../principal.js';
import { defineRoute, type RouteRequest } from '../route.js';
import { CommandAnswer, DateOrDateTime, Id, trimmed } from '../schemas.js';

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

/**
 * One nomination per household per round: its id is derived from both (a ULID-shaped digest under
 * the round's time prefix), so the store's conditional write is what refuses a second one.
 */
export function nominationIdFor(roundId: string, householdId: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const digest = createHash('sha256').update(`${roundId}\u0000${householdId}`).digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += alphabet[digest[i]! % 32];
  return roundId.slice(0, 10) + tail;
}

async function someone(
  deps: HttpDependencies,
  community: string,
  residentId: string | undefined,
): Promise<Someone> {
  if (!residentId) return undefined;
  const loaded = await deps.commands.load(residentDecider, streamIdOf(community, 'resident', residentId));
  return loaded.state.status === 'enrolled'
    ? { residentId, householdId: loaded.state.householdId }
    : undefined;
}

async function roundFacts(deps: HttpDependencies, community: string, roundId: string): Promise<RoundFacts> {
  const loaded = await deps.commands.load(roundDecider, streamIdOf(community, 'round', roundId));
  if (loaded.state.status === 'none') throw new DomainRefusal(nominationErrors.roundNotFound(roundId));
  return loaded.state;
}

/** The round a nomination belongs to, read from its stream, not a view, so a command never waits on the projector. */
async function roundOfNomination(deps: HttpDependencies, community: string, nominationId: string) {
  const loaded = await deps.commands.load(
    nominationDecider,
    streamIdOf(community, 'nomination', nominationId),
  );
  if (loaded.state.status === 'none') throw appErrors.notFound(`nomination ${nominationId}`);
  return { round: await roundFacts(deps, community, loaded.state.roundId) };
}

function onNomination(
  request: RouteRequest<unknown, unknown, unknown>,
  deps: HttpDependencies,
  nominationId: string,
  command: NominationCommand,
) {
  return executeOn(
    request,
    deps.commands,
    { decider: nominationDecider, kind: 'nomination', id: nominationId },
    command,
  );
}

type Explanation = RankingEntry['explanation'];
/** A ranking entry as one caller sees it: `judges` is absent when every judge's scores are withheld. */
type RankingEntrySeen = Omit<RankingEntry, 'explanation'> & {
  readonly explanation: Omit<Explanation, 'judges'> & { readonly judges?: Explanation['judges'] };
};

/** The ranking with each judge's scores shown only where this caller may see them (least exposure). */
function rankingSeenBy(
  principal: Principal,
  round: RoundDetail,
  rows: readonly NominationRow[],
  now: Date,
): RankingEntrySeen[] {
  const decided = new Set(rows.filter((row) => row.status === 'decided').map((row) => row.nominationId));
  return rankNominations(round, rows).map((entry) => {
    const nomination = { decided: decided.has(entry.nominationId) };
    const { judges, ...explanation } = entry.explanation;
    const shown = judges.filter((j) => seesJudgeScores(principal, j.judgeId, round, nomination, now));
    return {
      ...entry,
      explanation: shown.length > 0 || judges.length === 0 ? { ...explanation, judges: shown } : explanation,
    };
  });
}
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
      const { body, principal } = request;
      const plan = await deps.commands.load(
        planDecider,
        streamIdOf(principal.community, 'plan', body.planId),
      );
      if (plan.state.status === 'none') throw new DomainRefusal(planErrors.notFound(body.planId));
      const roundId = request.ids.next();
      const outcome = await deps.commands.execute({
        decider: roundDecider,
        community: principal.community,
        streamId: streamIdOf(principal.community, 'round', roundId),
        command: {
          type: 'OpenRound',
          roundId,
          ...body,
          nominationsClose: resolveInstant(body.nominationsClose, plan.state.timeZone, 'end').toISOString(),
          scoringCloses: resolveInstant(body.scoringCloses, plan.state.timeZone, 'end').toISOString(),
        },
        metadata: commitMetadata(request),
        idempotency: request.idempotency,
      });
      return commandResponse(roundId, outcome);
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
      const { body, params, principal } = request;
      assertActsFor(principal, body.nominatedBy, 'a resident nominates in their own name');
      const { community } = principal;
      const round = await roundFacts(deps, community, params.roundId);
      const [nominator, consenter, ...judges] = await Promise.all([
        someone(deps, community, body.nominatedBy),
        someone(deps, community, body.consentBy),
        ...round.judges.map((j) => someone(deps, community, j)),
      ]);
      const nominationId = nominationIdFor(params.roundId, body.householdId);
      return onNomination(request, deps, nominationId, {
        type: 'NominateFamily',
        nominationId,
        round,
        now: deps.clock.now().toISOString(),
        ...body,
        nominator,
        consenter,
        judgeHouseholds: Object.fromEntries(round.judges.map((j, i) => [j, judges[i]?.householdId])),
      });
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
      const { params, principal, body } = request;
      const residentId = isStaff(principal) && body.residentId ? body.residentId : principal.sub;
      const { round } = await roundOfNomination(deps, principal.community, params.nominationId);
      return onNomination(request, deps, params.nominationId, {
        type: 'EndorseNomination',
        round,
        now: deps.clock.now().toISOString(),
        residentId,
        endorser: await someone(deps, principal.community, residentId),
      });
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
      const { params, principal, body } = request;
      if (!actsForJudge(principal, body.judgeId)) {
        throw new ApplicationError(403, 'forbidden', 'a judge recuses only themselves');
      }
      const { round } = await roundOfNomination(deps, principal.community, params.nominationId);
      return onNomination(request, deps, params.nominationId, { type: 'RecuseJudge', round, ...body });
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
      const { params, principal, body } = request;
      const { round } = await roundOfNomination(deps, principal.community, params.nominationId);
      return onNomination(request, deps, params.nominationId, {
        type: 'ScoreNomination',
        round,
        now: deps.clock.now().toISOString(),
        judgeId: principal.sub,
        scores: body.scores,
      });
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
      await roundOfNomination(deps, request.principal.community, request.params.nominationId);
      return onNomination(request, deps, request.params.nominationId, {
        type: 'WithdrawNomination',
        reason: request.body.reason,
      });
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
      const { params, principal, body } = request;
      const { round } = await roundOfNomination(deps, principal.community, params.nominationId);
      return onNomination(request, deps, params.nominationId, {
        type: 'DecideNomination',
        round,
        now: deps.clock.now().toISOString(),
        ...body,
      });
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
      const round = await deps.views.get<RoundDetail>(roundKey(principal.community, params.roundId));
      if (!round || round.deleted) throw appErrors.notFound(`round ${params.roundId}`);
      const rows = await readAll<NominationRow>(deps.views, {
        list: roundNominationsList(principal.community, params.roundId),
      });
      const items = rankingSeenBy(principal, round.data, rows, deps.clock.now());
      return { status: 200, body: { roundId: params.roundId, items } };
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
      const round = await deps.views.get<RoundDetail>(roundKey(principal.community, params.roundId));
      if (!round || round.deleted) throw appErrors.notFound(`round ${params.roundId}`);
      return { status: 200, body: { ...round.data, version: round.appliedVersion } };
    },
  }),
];
