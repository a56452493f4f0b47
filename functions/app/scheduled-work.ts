import type { Recipient } from '../../events/index.js';
import type { BusEvent } from './event-bus.js';

/**
 * Scheduled work, cut into units a queue can retry and dead-letter one by one: a schedule's run
 * becomes pages of the plans registry, and each page becomes one unit per plan due a report and one
 * per community due its digests. No invocation loops over every community.
 */
export type WorkKind = 'reports' | 'digests';

/** One page of the plans registry to read for a run (the first has no cursor). */
export interface RegistryPage {
  readonly kind: 'page';
  readonly work: WorkKind;
  /** When the run was scheduled (Scheduler's `<aws.scheduler.scheduled-time>`): every unit judges this instant. */
  readonly time: string;
  readonly cursor?: string;
  /** The community the previous page ended with (its digest unit is already queued). */
  readonly after?: string;
}

/** One plan's report of one period. */
export interface ReportUnit {
  readonly kind: 'report';
  readonly time: string;
  readonly community: string;
  readonly planId: string;
  readonly period: string;
}

/** One community's digests of the days that have ended by `time`. */
export interface DigestUnit {
  readonly kind: 'digest';
  readonly time: string;
  readonly community: string;
}

/**
 * An event a rule of the bus routes to a queue, as EventBridge delivers it (the whole event is the
 * message): a resident to tell that they were given a place from the waitlist.
 */
export type NotificationUnit = BusEvent;

export type WorkUnit = RegistryPage | ReportUnit | DigestUnit | NotificationUnit;

export const isNotification = (unit: WorkUnit): unit is NotificationUnit => 'detail-type' in unit;

/** What kind of unit it is, in metric names and logs (`ReportSent`, `NotificationSkipped`…). */
export const kindOf = (unit: WorkUnit): string => (isNotification(unit) ? 'notification' : unit.kind);

/** The queue each kind of unit goes to: its own consumer, its own retries, its own dead letters. */
export type WorkQueueName = 'pages' | 'reports' | 'digests' | 'notifications';
export const queueOf = (unit: WorkUnit): WorkQueueName =>
  isNotification(unit)
    ? 'notifications'
    : unit.kind === 'page'
      ? 'pages'
      : unit.kind === 'report'
        ? 'reports'
        : 'digests';

/** SQS on AWS; locally, queues in memory that call the same handlers. */
export interface WorkQueue {
  enqueue(units: readonly WorkUnit[]): Promise<void>;
}

/** What a unit came to, returned beside the batch's failures (SQS reads only `batchItemFailures`). */
export interface UnitOutcome {
  readonly unit: WorkUnit;
  readonly outcome: 'sent' | 'already-sent' | 'written' | 'skipped' | 'failed' | 'paged';
  readonly sentTo?: readonly Recipient[];
  readonly days?: readonly string[];
  readonly reason?: string;
}
