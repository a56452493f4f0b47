import { type Config, loadConfig } from '../config.js';
import { createCommitStreamHandler } from '../streams/commit-stream.js';
import { createDependencies, type Overrides } from '../wiring.js';

/** Builds this entry's handler; the local runtime calls it (from source or from the bundle). */
export const create = (config: Config, overrides?: Overrides) => {
  const { projector, logger } = createDependencies(config, overrides);
  return createCommitStreamHandler('projection', (commit) => projector.applyCommit(commit), logger);
};

/** Lambda entry point: DynamoDB Streams of the Events table → views. */
export const handler = create(loadConfig());
