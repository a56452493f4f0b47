import { type Config, loadConfig } from '../config.js';
import { createDependencies, type Overrides } from '../wiring.js';
import { createDailyDigests } from './daily-digests.js';

/** Builds this entry's handler; the local runtime calls it (from source or from the bundle) with its own clock. */
export const create = (config: Config, overrides?: Overrides) =>
  createDailyDigests(createDependencies(config, overrides));

/** Lambda entry point: EventBridge Scheduler, daily just after midnight UTC. */
export const handler = create(loadConfig());
