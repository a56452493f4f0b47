import * as z from 'zod';
import { defineEvent } from './define.js';

/** A report was handed to the mailer for these recipients, computed as of `asOf` (its history position). */
export const ReportSent = defineEvent(
  'ReportSent',
  z.object({
    planId: z.string(),
    period: z.string(),
    recipients: z.array(z.string()).min(1),
    asOf: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    /** The ledger digest the report names (absent on deliveries recorded before reports named one). */
    ledgerDigest: z.string().optional(),
  }),
);

/** The mailer refused: these recipients may be sent to again. */
export const ReportDeliveryFailed = defineEvent(
  'ReportDeliveryFailed',
  z.object({ recipients: z.array(z.string()).min(1), reason: z.string() }),
);

export const reportEvents = [ReportSent, ReportDeliveryFailed] as const;
