import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { kindOf, type UnitOutcome, type WorkUnit } from '../app/scheduled-work.js';

/** What an SQS-fed function answers: the failed records (SQS redelivers them) and what each unit came to. */
export type WorkerAnswer = SQSBatchResponse & { readonly outcomes: readonly UnitOutcome[] };

export const isQueueEvent = (event: unknown): event is SQSEvent =>
  typeof event === 'object' && event !== null && Array.isArray((event as SQSEvent).Records);

/**
 * A queue's consumer: each record is one unit; a unit whose outcome is `failed` (or that throws) is
 * reported in `batchItemFailures`, so SQS retries it alone and, after the queue's receive count,
 * dead-letters it (and its alarm fires). Records run one after another: a mailer paces its sends.
 */
export function unitWorker<U extends WorkUnit>(handle: (unit: U) => Promise<UnitOutcome>, metrics?: Metrics) {
  return async (event: SQSEvent): Promise<WorkerAnswer> => {
    const outcomes: UnitOutcome[] = [];
    const processor = new BatchProcessor(EventType.SQS);
    const answer = await processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const unit = JSON.parse(record.body) as U;
        const outcome = await handle(unit).catch(
          (error: unknown): UnitOutcome => ({ unit, outcome: 'failed', reason: (error as Error).message }),
        );
        outcomes.push(outcome);
        if (outcome.outcome === 'failed') throw new Error(outcome.reason ?? 'unit failed');
      },
      processor,
      { throwOnFullBatchFailure: false, processInParallel: false },
    );
    // `ReportSent`, `ReportFailed`, `DigestWritten`, `PagePaged`…: one count per unit, one EMF line per invocation.
    if (metrics) {
      for (const { unit, outcome } of outcomes)
        metrics.addMetric(`${capital(kindOf(unit))}${capital(outcome)}`, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    }
    return { ...answer, outcomes };
  };
}

const capital = (word: string) =>
  word.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
