import type { ReportEvent } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/errors.js';

/** One stream per (plan, period): who has been sent that report. Sending is idempotent per recipient. */
export type ReportDeliveryCommand =
  | {
      readonly type: 'ClaimDelivery';
      readonly planId: string;
      readonly period: string;
      readonly recipients: readonly string[];
      readonly asOf: string;
      readonly trigger: 'schedule' | 'manual';
      readonly ledgerDigest?: string;
    }
  | { readonly type: 'RecordFailure'; readonly recipients: readonly string[]; readonly reason: string };

export type ReportDeliveryState = { readonly sentTo: Readonly<Record<string, 1>> };

/**
 * The addresses still to receive a report: each mailbox once however it is capitalised (mailboxes
 * are case-insensitive in practice), none that has it already (`sentTo` is keyed in lower case).
 */
export function pendingRecipients(
  recipients: readonly string[],
  sentTo: Readonly<Record<string, unknown>>,
): string[] {
  const seen = new Set<string>();
  return recipients.filter((address) => {
    const mailbox = address.toLowerCase();
    if (seen.has(mailbox) || sentTo[mailbox]) return false;
    seen.add(mailbox);
    return true;
  });
}

export const reportDeliveryDecider: Decider<ReportDeliveryCommand, ReportDeliveryState, ReportEvent> = {
  initialState: { sentTo: {} },
  decide(command, state) {
    if (command.type === 'RecordFailure')
      return [
        {
          type: 'ReportDeliveryFailed',
          data: { recipients: [...command.recipients], reason: command.reason },
        },
      ];
    if (command.recipients.length === 0) {
      return domainError(
        'no-recipients',
        'conflict',
        "the plan's organizing group has no leader or deputy with an email address",
      );
    }
    // Only those not yet sent: a retried schedule sends nothing twice.
    const pending = pendingRecipients(command.recipients, state.sentTo);
    if (pending.length === 0) return [];
    const { planId, period, asOf, trigger, ledgerDigest } = command;
    return [
      {
        type: 'ReportSent',
        data: {
          planId,
          period,
          recipients: pending,
          asOf,
          trigger,
          ...(ledgerDigest ? { ledgerDigest } : {}),
        },
      },
    ];
  },
  evolve(state, event) {
    const sentTo = { ...state.sentTo };
    if (event.type === 'ReportSent') for (const r of event.data.recipients) sentTo[r.toLowerCase()] = 1;
    if (event.type === 'ReportDeliveryFailed')
      for (const r of event.data.recipients) delete sentTo[r.toLowerCase()];
    return { sentTo };
  },
};
