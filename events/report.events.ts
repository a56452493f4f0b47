import * as z from 'zod';
import { defineEvent } from './define.js';
import { freeText, personal } from './personal-data.js';

/** v1 named recipients by their address, as written (nothing with v1 was ever deployed). */
const AddressV1 = personal(z.string(), {
  kind: 'email',
  about: "a report's recipient, written in the clear by v1 (v2 keeps no address)",
});

/** v1 (frozen): a report handed to the mailer for these addresses. */
const ReportSentV1 = z.object({
  planId: z.string(),
  period: z.string(),
  recipients: z.array(AddressV1).min(1),
  asOf: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  ledgerDigest: z.string().optional(),
});

/**
 * Whom a report went to: the organizing group's entry, by the resident it is or the plan's person id.
 * Never an address: the mailer reads the address from the plan's group when it sends, so the history
 * keeps nothing of the person that erasing them would have to reach.
 */
export const Recipient = z.union([
  z.strictObject({ residentId: z.string() }),
  z.strictObject({ personId: z.string() }),
]);
export type Recipient = z.infer<typeof Recipient>;

/**
 * What v2 makes of a v1 list of addresses: nothing. An address says nothing of whom it belonged to,
 * and v2 keeps none; a v1 delivery reads as sent to nobody it can name.
 */
const forgettingAddresses = <T extends { recipients: unknown }>({ recipients: _addresses, ...rest }: T) => ({
  ...rest,
  recipients: [] as Recipient[],
});

/** A report was handed to the mailer for these recipients, computed as of `asOf` (its history position). */
export const ReportSent = defineEvent(
  'ReportSent',
  z.object({
    planId: z.string(),
    period: z.string(),
    recipients: z.array(Recipient),
    asOf: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    /** The ledger digest the report names (absent on deliveries recorded before reports named one). */
    ledgerDigest: z.string().optional(),
  }),
  [
    {
      version: 1,
      schema: ReportSentV1,
      upcast: (v1: z.infer<typeof ReportSentV1>) => forgettingAddresses(v1),
    },
  ],
);

const ReportDeliveryFailedV1 = z.object({ recipients: z.array(AddressV1).min(1), reason: freeText() });

/** The mailer refused: these recipients may be sent to again (`reason`: its words, addresses left out). */
export const ReportDeliveryFailed = defineEvent(
  'ReportDeliveryFailed',
  z.object({ recipients: z.array(Recipient), reason: freeText() }),
  [
    {
      version: 1,
      schema: ReportDeliveryFailedV1,
      upcast: (v1: z.infer<typeof ReportDeliveryFailedV1>) => forgettingAddresses(v1),
    },
  ],
);

export const reportEvents = [ReportSent, ReportDeliveryFailed] as const;
