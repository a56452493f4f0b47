import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { SqsWorkQueue } from '../adapters/sqs-work-queue.js';
import { traced } from '../adapters/tracing.js';
import type { UnitOutcome } from '../app/scheduled-work.js';
import { coreDependencies, type Overrides } from '../composition/core.js';
import { MetricUnit } from '../composition/observability.js';
import { type Config, loadConfig } from '../config.js';
import { createFanOut, firstPage, type ScheduledRunEvent } from './fan-out.js';
import { isQueueEvent, unitWorker, type WorkerAnswer } from './unit-worker.js';

/** Builds this entry's handler: a schedule's run, and each next page of it, cut into units. */
export const create = (config: Config, overrides: Overrides = {}) => {
  const { views, metrics } = coreDependencies(config, overrides);
  const queue =
    overrides.workQueue ??
    new SqsWorkQueue(traced(new SQSClient({})), {
      pages: config.PAGES_QUEUE_URL,
      reports: config.REPORTS_QUEUE_URL,
      digests: config.DIGESTS_QUEUE_URL,
    });
  const fanOut = createFanOut({ views, queue });
  const pages = unitWorker(fanOut, metrics);
  // A schedule's run reads its first page at once; later pages come through the queue.
  const firstRun = async (event: ScheduledRunEvent) => {
    const outcome = await fanOut(firstPage(event));
    metrics.addMetric('PagePaged', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    return outcome;
  };
  function scheduler(event: ScheduledRunEvent): Promise<UnitOutcome>;
  function scheduler(event: SQSEvent): Promise<WorkerAnswer>;
  function scheduler(event: ScheduledRunEvent | SQSEvent): Promise<UnitOutcome | WorkerAnswer> {
    return isQueueEvent(event) ? pages(event) : firstRun(event);
  }
  return scheduler;
};

/**
 * Lambda entry point: EventBridge Scheduler (hourly around the 1st for reports, daily for digests)
 * reads the first page of the plans registry; the pages queue brings the rest, one page at a time.
 */
export const handler = create(loadConfig());
