import type { Logger } from '@aws-lambda-powertools/logger';
import { evaluateCompliance } from '../../domain/compliance/compliance.js';
import { renderHtml, renderText, reportSubject } from '../../domain/reports/render.js';
import { buildReport, type ReportModel } from '../../domain/reports/report.js';
import { reportDeliveryDecider } from '../../domain/reports/report-delivery.decider.js';
import { rankNominations } from '../../domain/scoring/ranking.js';
import { type DomainError, isDomainError } from '../../domain/shared/errors.js';
import { streamIdOf } from '../../domain/shared/ids.js';
import { periodBounds } from '../../domain/shared/time.js';
import type { ActivityDetail, AttendeeRow } from '../../domain/views/activity.view.js';
import {
  type NominationRow,
  type RoundDetail,
  roundNominationsList,
} from '../../domain/views/nomination.view.js';
import { type PlanDetail, planKey } from '../../domain/views/plan.view.js';
import { type GoodDeed, goodDeedsList } from '../../domain/views/recognition.view.js';
import { type ResidentProfile, residentKey } from '../../domain/views/resident.view.js';
import type { CommitMetadata } from '../../events/index.js';
import type { CommandService } from '../app/command-handler.js';
import { ApplicationError, appErrors } from '../app/errors.js';
import type { Mailer } from '../app/mailer.js';
import type { Clock } from '../app/ports.js';
import { complianceFacts } from '../app/queries/compliance.js';
import { readAll, readPartition } from '../app/read-all.js';
import type { ViewStore } from '../app/view-store.js';

export interface ReportServiceDeps {
  readonly views: ViewStore;
  readonly commands: CommandService;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger?: Logger;
}

function nextPeriodName(period: string): string {
  const [y, rest] = [Number(period.slice(0, 4)), period.slice(5)];
  if (rest === '') return String(y + 1);
  if (rest.startsWith('Q'))
    return Number(rest.slice(1)) === 4 ? `${y + 1}-Q1` : `${y}-Q${Number(rest.slice(1)) + 1}`;
  return Number(rest) === 12 ? `${y + 1}-01` : `${y}-${String(Number(rest) + 1).padStart(2, '0')}`;
}

/**
 * A refusal of the delivery's decider, thrown as the application error it means (the same status,
 * code and detail the problem mapper gives any domain refusal), so reports need nothing from HTTP.
 */
const statusOf = { conflict: 409, 'not-found': 404, invalid: 400 } as const;
const refused = (error: DomainError) =>
  new ApplicationError(statusOf[error.category], error.code, error.detail);

export interface Delivery {
  readonly planId: string;
  readonly period: string;
  readonly sentTo: readonly string[];
  readonly alreadySent: boolean;
  readonly streamId: string;
  readonly version: number;
}

/** Builds a plan's report for a period from views only, and sends it once per recipient. */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  private async plan(community: string, planId: string): Promise<PlanDetail> {
    const item = await this.deps.views.get<PlanDetail>(planKey(community, planId));
    if (!item || item.deleted) throw appErrors.notFound(`plan ${planId}`);
    return item.data;
  }

  async build(community: string, planId: string, period: string, known?: PlanDetail): Promise<ReportModel> {
    const { views } = this.deps;
    const plan = known ?? (await this.plan(community, planId));
    if (!period.startsWith(String(plan.year))) {
      throw new ApplicationError(
        400,
        'period-outside-plan',
        `the plan covers ${plan.year}; ${period} is outside it`,
      );
    }
    const bounds = periodBounds(period, plan.timeZone);
    const now = this.deps.clock.now();
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
        Date.parse(a.window.end) >= bounds.start.getTime() &&
        Date.parse(a.window.start) < bounds.end.getTime(),
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

  /** Sends the report to the leader and deputies who have not had it yet; records who got it (ReportSent). */
  async send(
    community: string,
    planId: string,
    period: string,
    trigger: 'schedule' | 'manual',
    metadata: CommitMetadata,
  ): Promise<Delivery> {
    const plan = await this.plan(community, planId);
    const group = plan.organizingGroup;
    const recipients = group
      ? [group.leader, ...group.deputies].map((p) => p.email).filter((e): e is string => Boolean(e))
      : [];
    const streamId = streamIdOf(community, 'report', `${planId}-${period}`);
    const before = await this.deps.commands.load(reportDeliveryDecider, streamId);
    const pending = [...new Set(recipients)].filter((r) => !before.state.sentTo[r.toLowerCase()]);
    // Everyone has it: a retried schedule stops here, before building the report again.
    if (recipients.length > 0 && pending.length === 0) {
      return { planId, period, sentTo: [], alreadySent: true, streamId, version: before.version };
    }
    const report = await this.build(community, planId, period, plan);
    // Claimed at the version just read: whoever claims concurrently makes this one fail, never double-send.
    const claim = await this.deps.commands.execute({
      decider: reportDeliveryDecider,
      community,
      streamId,
      command: { type: 'ClaimDelivery', planId, period, recipients, asOf: report.asOf, trigger },
      metadata,
      expectedVersion: before.version,
    });
    if (isDomainError(claim)) throw refused(claim);
    if (claim.events.length === 0)
      return { planId, period, sentTo: [], alreadySent: true, streamId, version: claim.version };
    try {
      await this.deps.mailer.send({
        to: pending,
        subject: reportSubject(report),
        html: renderHtml(report),
        text: renderText(report),
      });
    } catch (error) {
      // The claim is released so that the next run sends again.
      await this.deps.commands.execute({
        decider: reportDeliveryDecider,
        community,
        streamId,
        command: {
          type: 'RecordFailure',
          recipients: pending,
          reason: error instanceof Error ? error.message : 'mailer failed',
        },
        metadata,
      });
      throw error;
    }
    this.deps.logger?.info('report sent', { planId, period, recipients: pending.length });
    return { planId, period, sentTo: pending, alreadySent: false, streamId, version: claim.version };
  }
}
