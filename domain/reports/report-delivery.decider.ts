import type { Recipient, ReportEvent } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/errors.js';

/**
 * One stream per (plan, period): who has been sent that report. Sending is idempotent per recipient.
 * Recipients are the organizing group's entries (a resident, or the plan's person), never addresses:
 * the history of a delivery keeps nothing an erasure would have to reach.
 */
export type ReportDeliveryCommand =
  | {
      readonly type: 'ClaimDelivery';
      readonly planId: string;
      readonly period: string;
      readonly recipients: readonly Recipient[];
      readonly asOf: string;
      readonly trigger: 'schedule' | 'manual';
      readonly ledgerDigest?: string;
    }
  | { readonly type: 'RecordFailure'; readonly recipients: readonly Recipient[]; readonly reason: string };

/** `sentTo` is keyed by `recipientKey`. */
export type ReportDeliveryState = { readonly sentTo: Readonly<Record<string, 1>> };

/** One key per recipient: a resident and a person never share one. */
export const recipientKey = (recipient: Recipient): string =>
  'residentId' in recipient ? `resident:${recipient.residentId}` : `person:${recipient.personId}`;

/** The recipients still to receive a report: each once, none that has it already. */
export function pendingRecipients(
  recipients: readonly Recipient[],
  sentTo: Readonly<Record<string, unknown>>,
): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((recipient) => {
    const key = recipientKey(recipient);
    if (seen.has(key) || sentTo[key]) return false;
    seen.add(key);
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
    if (event.type === 'ReportSent') for (const r of event.data.recipients) sentTo[recipientKey(r)] = 1;
    if (event.type === 'ReportDeliveryFailed')
      for (const r of event.data.recipients) delete sentTo[recipientKey(r)];
    return { sentTo };
  },
};
