import type { WorkQueueName } from '../functions/app/scheduled-work.js';
import type { LedgerFunctionName } from './functions.js';

/**
 * The queues scheduled work is cut into, and the function each one feeds: the stack creates these
 * queues and event source mappings, the local runtime delivers to the same handlers with the same
 * batch sizes and receive counts (test/infra/scheduled-work.int.spec.ts checks both against the
 * synthesized template).
 */
export const workQueues = {
  /** Pages of the plans registry, one per invocation. */
  pages: { consumer: 'scheduler', batchSize: 1, maxReceiveCount: 5, maxConcurrency: 2 },
  /** One plan's report of one period each; two mailers at most, each pacing its share of the mail rate. */
  reports: { consumer: 'mailer', batchSize: 5, maxReceiveCount: 5, maxConcurrency: 2 },
  /** One community's digests each. */
  digests: { consumer: 'digests', batchSize: 10, maxReceiveCount: 5, maxConcurrency: 4 },
  /** Events the bus routes to the mailer (`busRules`), one notice each. */
  notifications: { consumer: 'mailer', batchSize: 5, maxReceiveCount: 5, maxConcurrency: 2 },
} as const satisfies Record<
  WorkQueueName,
  { consumer: LedgerFunctionName; batchSize: number; maxReceiveCount: number; maxConcurrency: number }
>;

/**
 * Rules on the ledger's bus: the event types each one routes to a queue (EventBridge's whole event
 * is the message). On AWS an EventBridge rule with an SQS target; locally a stand-in on the stream
 * that puts the same events on the same local queue (infra/local/bus-rules.ts).
 */
export const busRules = {
  /** A resident given a place from a waitlist is told by email. */
  WaitlistPromotions: { detailTypes: ['ResidentPromotedFromWaitlist'], queue: 'notifications' },
} as const satisfies Record<string, { detailTypes: readonly string[]; queue: WorkQueueName }>;

/** The queues the scheduler function fills (the bus fills the others). */
export const scheduledQueues = ['pages', 'reports', 'digests'] as const satisfies readonly WorkQueueName[];

/** How many mailer containers may run at once: each paces its share of the stage's mail rate. */
export const mailerConcurrency = Object.values(workQueues)
  .filter((queue) => queue.consumer === 'mailer')
  .reduce((sum, queue) => sum + queue.maxConcurrency, 0);

/**
 * EventBridge Scheduler, in UTC: the reports run hourly on the last day of each month and on the
 * 1st (08:00 on the 1st falls on one of those 48 hours in every zone from UTC−12 to UTC+14), the
 * digests daily just after midnight.
 */
export const schedules = [
  { id: 'ReportsOnLastDay', work: 'reports', expression: 'cron(0 * L * ? *)' },
  { id: 'ReportsOnFirst', work: 'reports', expression: 'cron(0 * 1 * ? *)' },
  { id: 'DailyDigests', work: 'digests', expression: 'cron(5 0 * * ? *)' },
] as const;
