import { type AttendeeRow, attendeesOf } from '../../../domain/activity/attendee.view.js';
import { evaluateCompliance } from '../../../domain/compliance/compliance.js';
import {
  type NominationRow,
  type RoundDetail,
  roundNominationsList,
  roundsList,
} from '../../../domain/nomination/nomination.view.js';
import { rankNominations } from '../../../domain/nomination/ranking.js';
import { type PlanDetail, planKey } from '../../../domain/plan/plan.view.js';
import { type GoodDeed, goodDeedsList } from '../../../domain/recognition/recognition.view.js';
import { DEFAULT_LOCALE } from '../../../domain/reports/locale.js';
import type { RoundState } from '../../../domain/reports/messages.js';
import { buildReport, type ReportModel } from '../../../domain/reports/report.js';
import { type ResidentProfile, residentKey } from '../../../domain/resident/resident.view.js';
import { periodBounds } from '../../../domain/shared/time.js';
import type { Commit } from '../../../events/index.js';
import type { DigestStore } from '../audit/digests.js';
import { readLedgerAsOf } from '../audit/ledger-state.js';
import { complianceFacts } from '../compliance/compliance.queries.js';
import { equipmentInspectionFacts, sportsOfReport } from '../equipment/equipment.queries.js';
import { ApplicationError, appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Clock, EventStore } from '../ports.js';
import { readAll, readSlice } from '../read-all.js';
import { waitForViews } from '../view-freshness.js';
import { projectedMarkerKey, type ViewStore } from '../view-store.js';
import { activityDetailsOf } from './plan-calendar.js';

export interface ReportQueryDeps {
  readonly views: ViewStore;
  readonly events: Pick<EventStore, 'readHistory'>;
  /** The daily digests' kept ledger state, read from instead of the whole history (absent: from the start). */
  readonly digests?: Pick<DigestStore, 'latest' | 'keepMark'>;
  readonly clock: Clock;
  /** How long a report waits for the views to show the ledger it names (then 503, retry). */
  readonly viewsWaitMs?: number;
}

/**
 * Waits until the views have applied every commit of `read`, so the figures include the ledger state
 * the report names. Only the streams those commits touch are looked at (the kept state before them is
 * a day old and long projected): one batched read of their markers per look.
 */
async function viewsShow(deps: ReportQueryDeps, community: string, read: readonly Commit[]) {
  const heads = new Map<string, number>();
  for (const c of read) heads.set(c.streamId, Math.max(heads.get(c.streamId) ?? 0, c.lastVersion));
  if (heads.size === 0) return;
  const refs = [...heads.keys()].map((streamId) => projectedMarkerKey(community, streamId));
  const applied = async () => {
    const found = new Map<string, number>();
    for (const m of await deps.views.getMany(refs)) found.set(m.ref.id[0]!, m.appliedVersion);
    return found;
  };
  await waitForViews(
    async () => {
      const found = await applied();
      return [...heads].every(([streamId, head]) => (found.get(streamId) ?? 0) >= head);
    },
    deps.viewsWaitMs ?? 10_000,
    { firstMs: 20, maxMs: 500 },
    'the views have not caught up with the ledger yet; retry shortly',
  );
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
  // The ledger first, then figures from views that include all of it: the report names its history.
  const now = deps.clock.now();
  const { ledger, read, mark } = await readLedgerAsOf(deps, community, now);
  await viewsShow(deps, community, read);
  const plan = known ?? (await planDetail(views, community, planId));
  if (!period.startsWith(String(plan.year))) {
    throw new ApplicationError(
      'invalid-input',
      'period-outside-plan',
      `the plan covers ${plan.year}; ${period} is outside it`,
    );
  }
  // Only a report that will be answered keeps its ledger mark: a refused request writes nothing.
  if (mark) await deps.digests?.keepMark(community, mark);
  const bounds = periodBounds(period, plan.timeZone);
  // Computed as of now (the report says where the plan stands), and the instant is recorded with
  // every delivery so the same figures can be reproduced with ?asOf= later.
  const asOf = now;
  // The equipment register is read once: the sports lines show it, the compliance may judge it.
  const register = equipmentInspectionFacts(views, community);
  const facts$ = complianceFacts(views, community, planId, register);
  const [facts, activities, deeds, rounds, sports] = await Promise.all([
    facts$,
    // The plan's activities as its own list names them, not the community's calendar of every year.
    facts$.then((f) => activityDetailsOf(views, community, f.activities)),
    readAll<GoodDeed>(views, { list: goodDeedsList(community, planId) }),
    readAll<RoundDetail>(views, {
      list: roundsList(community),
      where: [{ field: ['data', 'planId'], op: '=', value: planId }],
    }),
    sportsOfReport(views, community, period, asOf, register),
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
        const rows = await readSlice<AttendeeRow>(views, attendeesOf(community, a.activityId));
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
      const state: RoundState =
        now.getTime() < Date.parse(round.nominationsClose)
          ? 'nominations-open'
          : now.getTime() < Date.parse(round.scoringCloses)
            ? 'scoring'
            : 'scoring-closed';
      const households = new Map(rows.map((r) => [r.nominationId, r.householdId]));
      // The report goes to the plan's leaders: standings only of decided nominations, whose figures
      // everyone may see (before the decision they are staff's alone, see rankingSeenBy).
      const decided = new Set(rows.filter((r) => r.status === 'decided').map((r) => r.nominationId));
      const leaders = rankNominations(round, rows)
        .filter((e) => e.status === 'ranked' && decided.has(e.nominationId))
        .slice(0, 3)
        .map((e) => ({
          nominationId: e.nominationId,
          familyName: e.familyName,
          householdId: households.get(e.nominationId) ?? '',
          final: e.final,
        }));
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
    plan: {
      planId,
      title: plan.title,
      communityName: plan.communityName,
      timeZone: plan.timeZone,
      locale: plan.locale ?? DEFAULT_LOCALE,
    },
    period: bounds,
    next: periodBounds(nextPeriodName(period), plan.timeZone),
    asOf: asOf.toISOString(),
    ledger,
    activities,
    attendance,
    compliance,
    previousCompliance,
    residentNames: Object.fromEntries(profiles.map((p) => [p.data.residentId, p.data.name])),
    rounds: roundStates,
    goodDeeds: deeds.map(({ deedId, title, date, residentIds }) => ({ deedId, title, date, residentIds })),
    sports,
  });
}

/** GET /reports/{planId}?period=: the report of a period, as of now, in the reader's community. */
export const reportOf = (
  deps: ReportQueryDeps,
  reader: Actor,
  input: { readonly planId: string; readonly period: string },
): Promise<ReportModel> => buildPlanReport(deps, reader.community, input.planId, input.period);
