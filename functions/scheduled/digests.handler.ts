import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store.js';
import { coreDependencies, type Overrides } from '../composition/core.js';
import { type Config, loadConfig } from '../config.js';
import { createDigestUnits } from './digest-units.js';
import { unitWorker } from './unit-worker.js';

/** Builds this entry's handler: one community's digests per queued unit. */
export const create = (config: Config, overrides: Overrides = {}) => {
  const { client, events, logger, metrics } = coreDependencies(config, overrides);
  return unitWorker(
    createDigestUnits({ events, logger, digests: new DynamoDbDigestStore(client, config.EVENTS_TABLE) }),
    metrics,
  );
};

/** Lambda entry point: digest units from the digests queue (the daily run's fan-out). */
export const handler = create(loadConfig());
