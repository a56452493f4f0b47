import { answerSendRequest, type MailerAnswer, type SendReportRequest } from '../reports/report-sending.js';
import { createScheduledReports, type ScheduledReportsEvent } from './scheduled-reports.js';

export type MailerEvent = { readonly send: SendReportRequest } | ScheduledReportsEvent;
type ScheduledResult = Awaited<ReturnType<ReturnType<typeof createScheduledReports>>>;

/**
 * The mailer function, the only one allowed to send email: the schedules' runs (monthly, quarterly)
 * and, from the commands function, "send this report now".
 */
export function createMailer(deps: Parameters<typeof createScheduledReports>[0]) {
  const scheduled = createScheduledReports(deps);
  function mailer(event: { readonly send: SendReportRequest }): Promise<MailerAnswer>;
  function mailer(event?: ScheduledReportsEvent): Promise<ScheduledResult>;
  function mailer(event: MailerEvent = {}): Promise<MailerAnswer | ScheduledResult> {
    return 'send' in event ? answerSendRequest(deps.reports, event.send) : scheduled(event);
  }
  return mailer;
}
