import { createEventPublisher } from '../app/event-bus.js';
import { eventBusFor } from '../composition/bus.js';
import { loggerFor, type Overrides, systemClock } from '../composition/core.js';
import { metricsFor } from '../composition/observability.js';
import { type Config, loadConfig } from '../config.js';
import { createCommitBatchHandler } from '../streams/commit-stream.js';

/** Builds this entry's handler: stream records in, bus entries out; it reads no table. */
export const create = (config: Config, overrides: Overrides = {}) => {
  const publishCommits = createEventPublisher(eventBusFor(config));
  // A put either lands every entry or throws (EventBridge entries are retried inside it): the batch
  // is announced whole or retried whole, and readers dedupe on `eventId`.
  return createCommitBatchHandler(
    'publishing',
    async (commits) => {
      await publishCommits(commits);
      return new Set<string>();
    },
    loggerFor(config, overrides),
    metricsFor(config),
    () => (overrides.clock ?? systemClock).now().getTime(),
  );
};

/** Lambda entry point: DynamoDB Streams of the Events table → every committed event onto the bus. */
export const handler = create(loadConfig());
