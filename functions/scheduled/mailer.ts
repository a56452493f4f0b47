import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSEvent } from 'aws-lambda';
import {
  answerSendRequest,
  type MailerAnswer,
  type SendReportRequest,
} from '../app/reports/report-sending.js';
import type { ReportService } from '../app/reports/report-service.js';
import { createReportUnits } from './report-units.js';
import { isQueueEvent, unitWorker, type WorkerAnswer } from './unit-worker.js';

export type MailerEvent = { readonly send: SendReportRequest } | SQSEvent;

/**
 * The mailer function, the only one allowed to send email: the scheduled reports, one plan and
 * period per queued unit, and, from the commands function, "send this report now".
 */
export function createMailer(deps: { reports: ReportService; logger?: Logger; metrics?: Metrics }) {
  const units = unitWorker(createReportUnits(deps), deps.metrics);
  function mailer(event: { readonly send: SendReportRequest }): Promise<MailerAnswer>;
  function mailer(event: SQSEvent): Promise<WorkerAnswer>;
  function mailer(event: MailerEvent): Promise<MailerAnswer | WorkerAnswer> {
    return isQueueEvent(event) ? units(event) : answerSendRequest(deps.reports, event.send);
  }
  return mailer;
}
