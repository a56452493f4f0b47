import * as z from 'zod';
import { RoundDetail } from '../../domain/nomination/nomination.view.js';
import { AnyStoredEvent } from '../../events/catalogue.js';
import { Category, CommitBody } from '../../events/index.js';
import { ComplianceItem } from './routes/compliance.js';
import { LedgerStateAnswer } from './routes/report-answer.js';

/**
 * Closed, field-by-field schemas of the answers that were open objects in the OpenAPI document: a
 * client generated from it gets every field typed (a report's `period` is an object, not a string).
 */

/** A stored commit with its place in the stream's hash chain, as the audit routes answer it. */
export const AuditCommit = CommitBody.extend({
  events: z
    .array(AnyStoredEvent)
    .min(1)
    .describe('Each event closed to its type and schemaVersion: `data` is that version of its payload'),
  prevHash: z.string().describe('Hash of the previous commit of the stream (64 zeros for the first)'),
  hash: z.string().describe('sha256(prevHash + canonical JSON of the commit)'),
})
  .strict()
  .meta({
    id: 'AuditCommit',
    description:
      "One commit as stored. Each event's `data` is the payload of `type` at `schemaVersion` (see the event catalogue).",
  });

/** One day's digest: the heads of the streams that changed that day, chained to the day before. */
export const DailyDigestAnswer = z
  .object({
    day: z.string().describe('UTC day, yyyy-mm-dd'),
    heads: z.array(z.object({ streamId: z.string(), version: z.number().int(), hash: z.string() }).strict()),
    previous: z.string(),
    digest: z.string(),
    ledger: LedgerStateAnswer.optional().describe(
      "The ledger's running state after the day's last commit (`verify?since=` accepts its digest)",
    ),
  })
  .strict()
  .meta({ id: 'DailyDigest' });

/** A round as `GET /rounds/{roundId}` answers it: the round view and its version. */
export const RoundAnswer = RoundDetail.extend({ version: z.number().int() }).strict().meta({ id: 'Round' });

const ReportComplianceRow = ComplianceItem.extend({
  previousStatus: z.string().nullable().describe("The row's status at the end of the previous period"),
  changed: z.boolean(),
}).strict();

/** The report model every rendering (JSON, HTML, CSV, email) is made from. */
export const ReportAnswer = z
  .object({
    plan: z
      .object({ planId: z.string(), title: z.string(), communityName: z.string(), timeZone: z.string() })
      .strict(),
    period: z.object({ name: z.string(), kind: z.string(), start: z.string(), end: z.string() }).strict(),
    asOf: z.string(),
    categories: z.array(
      z.object({ category: Category, planned: z.number().int(), held: z.number().int() }).strict(),
    ),
    attendance: z.object({ signIns: z.number().int(), distinctResidents: z.number().int() }).strict(),
    compliance: z.array(ReportComplianceRow),
    membersShortOfQualityArticle: z.array(z.object({ residentId: z.string(), name: z.string() }).strict()),
    rounds: z.array(
      z
        .object({
          roundId: z.string(),
          title: z.string(),
          state: z.string(),
          nominations: z.number().int(),
          leaders: z.array(z.object({ familyName: z.string(), final: z.number().nullable() }).strict()),
        })
        .strict(),
    ),
    goodDeeds: z.array(
      z
        .object({ deedId: z.string(), title: z.string(), date: z.string(), residentIds: z.array(z.string()) })
        .strict(),
    ),
    nextPeriod: z
      .object({
        name: z.string(),
        activities: z.array(
          z
            .object({ activityId: z.string(), title: z.string(), category: Category, start: z.string() })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'Report' });
