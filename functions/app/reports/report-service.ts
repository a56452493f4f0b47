import type { Logger } from '@aws-lambda-powertools/logger';
import type { GroupMember, PlanDetail } from '../../../domain/plan/plan.view.js';
import { renderHtml, renderText, reportSubject } from '../../../domain/reports/render.js';
import type { ReportModel } from '../../../domain/reports/report.js';
import {
  pendingRecipients,
  recipientKey,
  reportDeliveryDecider,
} from '../../../domain/reports/report-delivery.decider.js';
import { wordingFor } from '../../../domain/reports/wording.js';
import { type DomainError, isDomainError } from '../../../domain/shared/errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import type { CommitMetadata, Recipient } from '../../../events/index.js';
import type { DigestStore } from '../audit/digests.js';
import type { CommandService } from '../command-handler.js';
import { DomainRefusal } from '../errors.js';
import type { Mailer } from '../mailer.js';
import type { Clock, EventStore } from '../ports.js';
import type { ViewStore } from '../view-store.js';
import { buildPlanReport, planDetail } from './reports.queries.js';

export interface ReportServiceDeps {
  readonly views: ViewStore;
  /** The ledger a report names: read in global order after the last daily digest's kept state. */
  readonly events: Pick<EventStore, 'readHistory'>;
  readonly digests?: Pick<DigestStore, 'latest' | 'keepMark'>;
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
  /** Whom it went to: the group's entries, never their addresses (answers are kept for replays). */
  readonly sentTo: readonly Recipient[];
  readonly alreadySent: boolean;
  readonly streamId: string;
  readonly version: number;
  /** The delivery's own events (ReportSent), none when everyone had it already. */
  readonly events: readonly { eventId: string; type: string }[];
}

/** A leader or deputy the report can go to: who they are in the group, and where their mail goes now. */
function addressed(person: GroupMember): { recipient: Recipient; address: string }[] {
  if (!person.email || person.erased) return [];
  if (person.residentId) return [{ recipient: { residentId: person.residentId }, address: person.email }];
  if (person.personId) return [{ recipient: { personId: person.personId }, address: person.email }];
  return []; // appointed before people had ids (local data from before): no one a delivery can name
}

/** An error's words without the addresses a mail relay may quote: what a failed delivery records. */
const withoutAddresses = (message: string) =>
  message.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '<address>');

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
    // The addresses are read now, from the group as it stands: the delivery records only whom it reached.
    const reachable = group ? [group.leader, ...group.deputies].flatMap(addressed) : [];
    const recipients = reachable.map((r) => r.recipient);
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
    // One message per mailbox (no one sees the others' addresses), in the plan's language.
    const wording = wordingFor(report.plan.locale, report.plan.timeZone);
    const email = {
      subject: reportSubject(report, wording),
      html: renderHtml(report, wording),
      text: renderText(report, wording),
    };
    // Each claimed recipient once (a person may fill two seats), grouped by the mailbox they read.
    const claimed = new Set(pending.map(recipientKey));
    const mailboxes = new Map<string, { address: string; recipients: Recipient[] }>();
    for (const { recipient, address } of reachable) {
      if (!claimed.delete(recipientKey(recipient))) continue;
      const mailbox = mailboxes.get(address.toLowerCase()) ?? { address, recipients: [] };
      mailbox.recipients.push(recipient);
      mailboxes.set(address.toLowerCase(), mailbox);
    }
    const unsent = [...mailboxes.values()];
    try {
      while (unsent.length > 0) {
        await this.deps.mailer.send({ ...email, to: [unsent[0]!.address] });
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
          recipients: unsent.flatMap((mailbox) => mailbox.recipients),
          reason: withoutAddresses(error instanceof Error ? error.message : 'mailer failed'),
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
