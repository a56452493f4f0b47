import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSEvent } from 'aws-lambda';
import type { Mailer } from '../app/mailer.js';
import {
  answerSendRequest,
  type MailerAnswer,
  type SendReportRequest,
} from '../app/reports/report-sending.js';
import type { ReportService } from '../app/reports/report-service.js';
import { isNotification, type NotificationUnit, type ReportUnit } from '../app/scheduled-work.js';
import type { ViewStore } from '../app/view-store.js';
import { createNotificationUnits } from './notification-units.js';
import { createReportUnits } from './report-units.js';
import { isQueueEvent, unitWorker, type WorkerAnswer } from './unit-worker.js';

export type MailerEvent = { readonly send: SendReportRequest } | SQSEvent;

/**
 * The mailer function, the only one allowed to send email: the scheduled reports, one plan and
 * period per queued unit; the notices the bus routes to it (a resident given a place from a
 * waitlist), one event per message; and, from the commands function, "send this report now".
 */
export function createMailer(deps: {
  reports: ReportService;
  views: ViewStore;
  mailer: Mailer;
  logger?: Logger;
  metrics?: Metrics;
}) {
  const reports = createReportUnits(deps);
  const notices = createNotificationUnits(deps);
  const units = unitWorker(
    (unit: ReportUnit | NotificationUnit) => (isNotification(unit) ? notices(unit) : reports(unit)),
    deps.metrics,
  );
  function mailer(event: { readonly send: SendReportRequest }): Promise<MailerAnswer>;
  function mailer(event: SQSEvent): Promise<WorkerAnswer>;
  function mailer(event: MailerEvent): Promise<MailerAnswer | WorkerAnswer> {
    return isQueueEvent(event) ? units(event) : answerSendRequest(deps.reports, event.send);
  }
  return mailer;
}
