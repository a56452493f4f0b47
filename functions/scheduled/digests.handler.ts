import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store.js';
import { coreDependencies, type Overrides } from '../composition/core.js';
import { type Config, loadConfig } from '../config.js';
import { createDailyDigests } from './daily-digests.js';

/** Builds this entry's handler: reads the history and the plans list, writes the day's digest. */
export const create = (config: Config, overrides: Overrides = {}) => {
  const { client, views, events, clock, logger } = coreDependencies(config, overrides);
  return createDailyDigests({
    views,
    events,
    clock,
    logger,
    digests: new DynamoDbDigestStore(client, config.EVENTS_TABLE),
  });
};

/** Lambda entry point: EventBridge Scheduler, daily just after midnight UTC. */
export const handler = create(loadConfig());
