import { type Config, loadConfig } from '../config.js';
import { createCommitBatchHandler } from '../streams/commit-stream.js';
import { createDependencies, type Overrides } from '../wiring.js';

/** Builds this entry's handler; the local runtime calls it (from source or from the bundle). */
export const create = (config: Config, overrides?: Overrides) => {
  const { publishCommits, logger } = createDependencies(config, overrides);
  // A put either lands every entry or throws (EventBridge entries are retried inside it): the batch
  // is announced whole or retried whole, and readers dedupe on `eventId`.
  return createCommitBatchHandler(
    'publishing',
    async (commits) => {
      await publishCommits(commits);
      return new Set<string>();
    },
    logger,
  );
};

/** Lambda entry point: DynamoDB Streams of the Events table → every committed event onto the bus. */
export const handler = create(loadConfig());
