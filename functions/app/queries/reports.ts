import { evaluateCompliance } from '../../../domain/compliance/compliance.js';
import { buildReport, type ReportModel } from '../../../domain/reports/report.js';
import { rankNominations } from '../../../domain/scoring/ranking.js';
import { periodBounds } from '../../../domain/shared/time.js';
import type { ActivityDetail, AttendeeRow } from '../../../domain/views/activity.view.js';
import {
  type NominationRow,
  type RoundDetail,
  roundNominationsList,
} from '../../../domain/views/nomination.view.js';
import { type PlanDetail, planKey } from '../../../domain/views/plan.view.js';
import { type GoodDeed, goodDeedsList } from '../../../domain/views/recognition.view.js';
import { type ResidentProfile, residentKey } from '../../../domain/views/resident.view.js';
import type { Actor } from '../commands/execute.js';
import { ApplicationError, appErrors } from '../errors.js';
import type { Clock } from '../ports.js';
import { readAll, readPartition } from '../read-all.js';
import type { ViewStore } from '../view-store.js';
import { complianceFacts } from './compliance.js';

export interface ReportQueryDeps {
  readonly views: ViewStore;
  readonly clock: Clock;
}

function nextPeriodName(period: string): string {
  const [y, rest] = [Number(period.slice(0, 4)), period.slice(5)];
  if (rest === '') return String(y + 1);
  if (rest.startsWith('Q'))
    return Number(rest.slice(1)) === 4 ? `${y + 1}-Q1` : `${y}-Q${Number(rest.slice(1)) + 1}`;
  return Number(rest) === 12 ? `${y + 1}-01` : `${y}-${String(Number(rest) + 1).padStart(2, '0')}`;
}

/** The plan as its view has it (title, year, zone, organizing group), or 404. */
export async function planDetail(views: ViewStore, community: string, planId: string): Promise<PlanDetail> {
  const item = await views.get<PlanDetail>(planKey(community, planId));
  if (!item || item.deleted) throw appErrors.notFound(`plan ${planId}`);
  return item.data;
}

/**
 * A plan's report of a period, built from views only: what GET /reports shows, the scheduled
 * report and a manual send mail, and the report CLI prints.
 */
export async function buildPlanReport(
  deps: ReportQueryDeps,
  community: string,
  planId: string,
  period: string,
  known?: PlanDetail,
): Promise<ReportModel> {
  const { views } = deps;
  const plan = known ?? (await planDetail(views, community, planId));
  if (!period.startsWith(String(plan.year))) {
    throw new ApplicationError(
      'invalid-input',
      'period-outside-plan',
      `the plan covers ${plan.year}; ${period} is outside it`,
    );
  }
  const bounds = periodBounds(period, plan.timeZone);
  const now = deps.clock.now();
  // Computed as of now (the report says where the plan stands), and the instant is recorded with
  // every delivery so the same figures can be reproduced with ?asOf= later.
  const asOf = now;
  const [facts, activities, deeds, rounds] = await Promise.all([
    complianceFacts(views, community, planId),
    readAll<ActivityDetail>(views, {
      list: `${community}#activities`,
      where: [{ field: ['data', 'planId'], op: '=', value: planId }],
    }),
    readAll<GoodDeed>(views, { list: goodDeedsList(community, planId) }),
    readAll<RoundDetail>(views, {
      list: `${community}#rounds`,
      where: [{ field: ['data', 'planId'], op: '=', value: planId }],
    }),
  ]);
  // One read of the facts, judged twice: now, and as the previous period ended (what changed).
  const compliance = evaluateCompliance(facts, asOf);
  const previousCompliance = evaluateCompliance(
    facts,
    new Date(Math.min(now.getTime(), bounds.start.getTime() - 1)),
  );
  const inPeriod = activities.filter(
    (a) =>
      Date.parse(a.window.end) >= bounds.start.getTime() && Date.parse(a.window.start) < bounds.end.getTime(),
  );
  const attendance = (
    await Promise.all(
      inPeriod.map(async (a) => {
        const rows = await readPartition<AttendeeRow>(
          views,
          `${community}#activity#${a.activityId}`,
          'attendee#',
        );
        return rows
          .filter((r) => r.status === 'attended')
          .map((r) => ({ activityId: a.activityId, residentId: r.residentId, at: r.at }));
      }),
    )
  ).flat();
  const short = compliance.flatMap((r) => r.shortMembers ?? []);
  const profiles = await views.getMany<ResidentProfile>(
    [...new Set(short)].map((id) => residentKey(community, id)),
  );
  const roundStates = await Promise.all(
    rounds.map(async (round) => {
      const rows = await readAll<NominationRow>(views, {
        list: roundNominationsList(community, round.roundId),
      });
      const state =
        now.getTime() < Date.parse(round.nominationsClose)
          ? 'nominations open'
          : now.getTime() < Date.parse(round.scoringCloses)
            ? 'scoring'
            : 'scoring closed';
      const leaders = rankNominations(round, rows)
        .filter((e) => e.status === 'ranked')
        .slice(0, 3)
        .map((e) => ({ familyName: e.familyName, final: e.final }));
      return {
        roundId: round.roundId,
        title: round.title,
        state,
        nominations: rows.filter((r) => r.status !== 'withdrawn').length,
        leaders,
      };
    }),
  );
  return buildReport({
    plan: { planId, title: plan.title, communityName: plan.communityName, timeZone: plan.timeZone },
    period: bounds,
    next: periodBounds(nextPeriodName(period), plan.timeZone),
    asOf: asOf.toISOString(),
    activities,
    attendance,
    compliance,
    previousCompliance,
    residentNames: Object.fromEntries(profiles.map((p) => [p.data.residentId, p.data.name])),
    rounds: roundStates,
    goodDeeds: deeds.map(({ deedId, title, date, residentIds }) => ({ deedId, title, date, residentIds })),
  });
}

/** GET /reports/{planId}?period=: the report of a period, as of now, in the reader's community. */
export const reportOf = (
  deps: ReportQueryDeps,
  reader: Actor,
  input: { readonly planId: string; readonly period: string },
): Promise<ReportModel> => buildPlanReport(deps, reader.community, input.planId, input.period);
