import type { Logger } from '@aws-lambda-powertools/logger';
import type { PlanDetail } from '../../../domain/plan/plan.view.js';
import { renderHtml, renderText, reportSubject } from '../../../domain/reports/render.js';
import type { ReportModel } from '../../../domain/reports/report.js';
import { pendingRecipients, reportDeliveryDecider } from '../../../domain/reports/report-delivery.decider.js';
import { wordingFor } from '../../../domain/reports/wording.js';
import { type DomainError, isDomainError } from '../../../domain/shared/errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { CommitMetadata } from '../../../events/index.js';
import type { CommandService } from '../command-handler.js';
import { DomainRefusal } from '../errors.js';
import type { Mailer } from '../mailer.js';
import type { Clock, EventStore } from '../ports.js';
import type { ViewStore } from '../view-store.js';
import { buildPlanReport, planDetail } from './reports.queries.js';

export interface ReportServiceDeps {
  readonly views: ViewStore;
  /** The ledger a report names: read in global order to compute its digest. */
  readonly events: Pick<EventStore, 'readHistory'>;
  readonly commands: CommandService;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/** A refusal of the delivery's decider, carried as an exception to whoever answers for it. */
const refused = (error: DomainError) => new DomainRefusal(error);

export interface Delivery {
  readonly planId: string;
  readonly period: string;
  readonly sentTo: readonly string[];
  readonly alreadySent: boolean;
  readonly streamId: string;
  readonly version: number;
  /** The delivery's own events (ReportSent), none when everyone had it already. */
  readonly events: readonly { eventId: string; type: string }[];
}

/** Builds a plan's report for a period from views only, and sends it once per recipient. */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** The report of a period, from views only (the report query's, so every caller gets the same figures). */
  build(community: string, planId: string, period: string, known?: PlanDetail): Promise<ReportModel> {
    return buildPlanReport(this.deps, community, planId, period, known);
  }

  /** Sends the report to the leader and deputies who have not had it yet; records who got it (ReportSent). */
  async send(
    community: string,
    planId: string,
    period: string,
    trigger: 'schedule' | 'manual',
    metadata: CommitMetadata,
  ): Promise<Delivery> {
    const plan = await planDetail(this.deps.views, community, planId);
    const group = plan.organizingGroup;
    const recipients = group
      ? [group.leader, ...group.deputies].map((p) => p.email).filter((e): e is string => Boolean(e))
      : [];
    const streamId = streamIdOf(community, 'report', `${planId}-${period}`);
    const before = await this.deps.commands.load(reportDeliveryDecider, streamId);
    // The decider's own rule: each mailbox once, and none that has the report already.
    const pending = pendingRecipients(recipients, before.state.sentTo);
    // Everyone has it: a retried schedule stops here, before building the report again.
    if (recipients.length > 0 && pending.length === 0) {
      return { planId, period, sentTo: [], alreadySent: true, streamId, version: before.version, events: [] };
    }
    const report = await this.build(community, planId, period, plan);
    // Claimed at the version just read: whoever claims concurrently makes this one fail, never double-send.
    const claim = await this.deps.commands.execute({
      decider: reportDeliveryDecider,
      community,
      streamId,
      command: {
        type: 'ClaimDelivery',
        planId,
        period,
        recipients,
        asOf: report.asOf,
        trigger,
        ledgerDigest: report.ledger.digest,
      },
      metadata,
      expectedVersion: before.version,
    });
    if (isDomainError(claim)) throw refused(claim);
    if (claim.events.length === 0)
      return { planId, period, sentTo: [], alreadySent: true, streamId, version: claim.version, events: [] };
    // One message per recipient (no one sees the others' addresses), in the plan's language.
    const wording = wordingFor(report.plan.locale, report.plan.timeZone);
    const email = {
      subject: reportSubject(report, wording),
      html: renderHtml(report, wording),
      text: renderText(report, wording),
    };
    const unsent = [...pending];
    try {
      while (unsent.length > 0) {
        await this.deps.mailer.send({ ...email, to: [unsent[0]!] });
        unsent.shift();
      }
    } catch (error) {
      // Those not reached are released so that the next run sends to them (and only to them) again.
      await this.deps.commands.execute({
        decider: reportDeliveryDecider,
        community,
        streamId,
        command: {
          type: 'RecordFailure',
          recipients: unsent,
          reason: error instanceof Error ? error.message : 'mailer failed',
        },
        metadata,
      });
      throw error;
    }
    this.deps.logger?.info('report sent', { planId, period, recipients: pending.length });
    return {
      planId,
      period,
      sentTo: pending,
      alreadySent: false,
      streamId,
      version: claim.version,
      events: claim.events,
    };
  }
}
