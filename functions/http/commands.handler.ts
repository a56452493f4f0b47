import { type Config, loadConfig } from '../config.js';
import { createDependencies, type Overrides } from '../wiring.js';
import { createApiHandlers } from './api.js';

/** Builds this entry's handler; the local runtime calls it (from source or from the bundle) with its own clock. */
export const create = (config: Config, overrides?: Overrides) =>
  createApiHandlers(createDependencies(config, overrides)).commands;

/** Lambda entry point: the command routes of the HTTP API. */
export const handler = create(loadConfig());
