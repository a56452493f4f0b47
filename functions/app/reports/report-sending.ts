import * as z from 'zod';
import { CommitMetadata } from '../../../events/index.js';
import { ForwardedRefusal, type Refusal, refusalOf } from '../errors.js';
import type { Delivery, ReportService } from './report-service.js';

/**
 * "Send this report now" (POST /reports/{planId}/send). Only the mailer function may send email, so
 * on AWS the commands function hands the request to it (a synchronous Lambda invoke) and passes its
 * answer on; locally the runtime calls the same mailer handler in process.
 */
export const SendReportRequest = z.object({
  community: z.string().min(1),
  planId: z.string().min(1),
  period: z.string().min(1),
  trigger: z.enum(['schedule', 'manual']),
  metadata: CommitMetadata,
});
export type SendReportRequest = z.infer<typeof SendReportRequest>;

export type SendReport = (request: SendReportRequest) => Promise<Delivery>;

/** What the mailer answers: the delivery, or the refusal (as data, never a thrown error). */
export type MailerAnswer = { ok: true; delivery: Delivery } | { ok: false; refusal: Refusal };

export async function answerSendRequest(reports: ReportService, request: unknown): Promise<MailerAnswer> {
  try {
    const { community, planId, period, trigger, metadata } = SendReportRequest.parse(request);
    return { ok: true, delivery: await reports.send(community, planId, period, trigger, metadata) };
  } catch (error) {
    return {
      ok: false,
      refusal: refusalOf(error) ?? { kind: 'internal', code: 'internal-error', detail: 'the mailer failed' },
    };
  }
}

/** The caller's side: a delivery, or the mailer's refusal rethrown so it reaches the client unchanged. */
export function deliveryFrom(answer: MailerAnswer): Delivery {
  if (answer.ok) return answer.delivery;
  throw new ForwardedRefusal(answer.refusal);
}

/**
 * How the commands function reaches the mailer function: a synchronous invoke on AWS, a call of the
 * mailer's handler in the local runtime. What crosses is data (the mailer's answer), never an
 * exception, so each side keeps its own error classes (bundles do not share them).
 */
export type MailerTransport = (event: { send: SendReportRequest }) => Promise<MailerAnswer>;

/** "Send this report now", through the mailer function: its refusals come back as problems unchanged. */
export const sendThroughMailer =
  (transport: MailerTransport): SendReport =>
  async (request) =>
    deliveryFrom(await transport({ send: request }));

/** In one process (tests of the report service alone, CLIs): no mailer boundary to cross. */
export const sendInProcess =
  (reports: ReportService): SendReport =>
  async (request) =>
    deliveryFrom(await answerSendRequest(reports, request));
