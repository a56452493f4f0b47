import { projections } from '../../domain/projections.js';
import { DynamoDbSessionWrites } from '../adapters/dynamodb-session-writes.js';
import { coreDependencies, type Overrides } from '../composition/core.js';
import { personalDataFor } from '../composition/personal-data.js';
import { type Config, loadConfig } from '../config.js';
import { createCommitBatchHandler } from '../streams/commit-stream.js';
import { Projector } from './projector.js';

/** Builds this entry's handler: stream records in, view items out (and residents' keys read to show names). */
export const create = (config: Config, overrides: Overrides = {}) => {
  const { views, logger, client, metrics, clock } = coreDependencies(config, overrides);
  const personalData = personalDataFor(config, client);
  // Each author's applied writes, beside their session: their next query reads both at once.
  const sessions = new DynamoDbSessionWrites(client, config.IDEMPOTENCY_TABLE, clock, config.VIEWS_TABLE);
  const projector = new Projector(
    views,
    projections,
    logger,
    (community, events) => personalData.revealEvents(community, events),
    sessions,
  );
  return createCommitBatchHandler(
    'projection',
    (commits) => projector.applyBatch(commits),
    logger,
    metrics,
    () => clock.now().getTime(),
  );
};

/** Lambda entry point: DynamoDB Streams of the Events table → views. */
export const handler = create(loadConfig());
