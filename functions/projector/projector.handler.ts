import { type Config, loadConfig } from '../config.js';
import { createCommitBatchHandler } from '../streams/commit-stream.js';
import { createDependencies, type Overrides } from '../wiring.js';

/** Builds this entry's handler; the local runtime calls it (from source or from the bundle). */
export const create = (config: Config, overrides?: Overrides) => {
  const { projector, logger } = createDependencies(config, overrides);
  return createCommitBatchHandler('projection', (commits) => projector.applyBatch(commits), logger);
};

/** Lambda entry point: DynamoDB Streams of the Events table → views. */
export const handler = create(loadConfig());
