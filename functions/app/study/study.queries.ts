import { activityAsOf } from '../../../domain/compliance/as-of.js';
import {
  type ActivityComplianceRow,
  type PartyMemberRow,
  partyMemberKey,
  partyMembersList,
  planActivitiesList,
} from '../../../domain/compliance/compliance.view.js';
import {
  countStandings,
  type SessionStanding,
  type StandingCounts,
  type StudySession,
  sessionInstant,
  standingAt,
  studySessionsOf,
} from '../../../domain/compliance/study-record.js';
import { type PlanDetail, planKey, plansOfYear } from '../../../domain/plan/plan.view.js';
import { type ResidentProfile, residentKey } from '../../../domain/resident/resident.view.js';
import {
  DEFAULT_TIME_ZONE,
  inPeriod,
  periodBounds,
  periodOf,
  periodsOfYear,
} from '../../../domain/shared/time.js';
import { assertMayRead } from '../authorization.js';
import { ApplicationError, appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Clock } from '../ports.js';
import { readAll } from '../read-all.js';
import type { ViewStore } from '../view-store.js';

export interface StudyQueryDeps {
  readonly views: ViewStore;
  readonly clock: Clock;
}

/** Counts as answered: one field per standing. */
const totals = (counts: StandingCounts) => ({
  sessions: counts.sessions,
  attended: counts.attended,
  madeUp: counts['made-up'],
  onLeave: counts['on-leave'],
  absent: counts.absent,
  upcoming: counts.upcoming,
  notHeld: counts['not-held'],
});

/** A plan's study sessions as of an instant (its bounded compliance rows, one per activity). */
async function sessionsOfPlan(views: ViewStore, community: string, planId: string, instant: number) {
  const rows = await readAll<ActivityComplianceRow>(views, { list: planActivitiesList(community, planId) });
  const asOf = rows.flatMap((row) => activityAsOf(row, instant) ?? []);
  return studySessionsOf(asOf).sort((a, b) => sessionInstant(a).localeCompare(sessionInstant(b)));
}

const sessionOf = (session: StudySession) => ({
  activityId: session.activityId,
  planId: session.planId,
  title: session.study.title,
  window: session.window,
  ...(session.held ? { heldOn: session.held.heldOn } : {}),
});

const standingOf = ({ standing, leave, madeUp }: SessionStanding) => ({
  standing,
  ...(leave ? { leave } : {}),
  ...(madeUp ? { madeUp } : {}),
});

/**
 * GET /residents/{residentId}/study-record?year=: where the member stands at every study session of
 * the year's plans (attended, made up, on leave, absent, upcoming), with totals per quarter and for
 * the year. A resident who is not a party member is shown only the sessions they attended.
 */
export async function studyRecordOf(
  deps: StudyQueryDeps,
  actor: Actor,
  input: { readonly residentId: string; readonly year?: number },
) {
  const { community } = actor;
  const { residentId } = input;
  assertMayRead(actor, 'overseers', residentId, 'a resident may read only their own study record');
  const now = deps.clock.now();
  const [profile, member] = await Promise.all([
    deps.views.get<ResidentProfile>(residentKey(community, residentId)),
    deps.views.get<PartyMemberRow>(partyMemberKey(community, residentId)),
  ]);
  if (!profile || profile.deleted) throw appErrors.notFound(`resident ${residentId}`);
  const year = input.year ?? Number(periodOf(now, DEFAULT_TIME_ZONE, 'year'));
  const partyMember = Boolean(member && !member.deleted);
  const plans = await readAll<PlanDetail>(deps.views, plansOfYear(community, year));
  const sessions = (
    await Promise.all(
      plans.map(async (plan) =>
        (
          await sessionsOfPlan(deps.views, community, plan.planId, now.getTime())
        ).map((session) => ({
          session,
          quarter: periodOf(new Date(sessionInstant(session)), plan.timeZone, 'quarter'),
          ...standingAt(session, residentId, now.getTime()),
        })),
      ),
    )
  )
    .flat()
    .filter((s) => s.quarter.startsWith(`${year}-`) && (partyMember || s.standing === 'attended'));
  const periods = [...periodsOfYear(year, 'quarter'), String(year)].map((period) => ({
    period,
    ...totals(countStandings(sessions.filter((s) => s.quarter.startsWith(period)).map((s) => s.standing))),
  }));
  return {
    residentId,
    year,
    partyMember,
    asOf: now.toISOString(),
    periods,
    sessions: sessions.map((s) => ({ ...sessionOf(s.session), period: s.quarter, ...standingOf(s) })),
  };
}

/**
 * GET /plans/{planId}/study-records?period=: every party member's standing at every study session
 * of the period (the plan's year by default; a quarter or a month of it), with their totals.
 */
export async function planStudyRecords(
  deps: StudyQueryDeps,
  actor: Actor,
  input: { readonly planId: string; readonly period?: string },
) {
  const { community } = actor;
  const plan = await deps.views.get<PlanDetail>(planKey(community, input.planId));
  if (!plan || plan.deleted) throw appErrors.notFound(`plan ${input.planId}`);
  const { year, timeZone } = plan.data;
  const period = input.period ?? String(year);
  if (!period.startsWith(String(year)))
    throw new ApplicationError(
      'invalid-input',
      'period-outside-plan-year',
      `period ${period} is not in the plan's year ${year}`,
    );
  const now = deps.clock.now();
  const bounds = periodBounds(period, timeZone);
  const heldInPeriod = (s: StudySession) => inPeriod(sessionInstant(s), bounds);
  const [sessions, members] = await Promise.all([
    sessionsOfPlan(deps.views, community, input.planId, now.getTime()).then((all) =>
      all.filter(heldInPeriod),
    ),
    readAll<PartyMemberRow>(deps.views, { list: partyMembersList(community) }),
  ]);
  return {
    planId: input.planId,
    period,
    asOf: now.toISOString(),
    sessions: sessions.map(sessionOf),
    members: members.map(({ residentId }) => {
      const standings = sessions.map((s) => ({
        activityId: s.activityId,
        ...standingOf(standingAt(s, residentId, now.getTime())),
      }));
      return { residentId, ...totals(countStandings(standings.map((s) => s.standing))), sessions: standings };
    }),
  };
}
