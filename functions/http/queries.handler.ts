import { type Config, loadConfig } from '../config.js';
import { createDependencies, type Overrides } from '../wiring.js';
import { createApiHandlers } from './api.js';

/** Builds this entry's handler; the local runtime calls it (from source or from the bundle) with its own clock. */
export const create = (config: Config, overrides?: Overrides) =>
  createApiHandlers(createDependencies(config, overrides)).queries;

/** Lambda entry point: the query and docs routes of the HTTP API (read-only on views). */
export const handler = create(loadConfig());
