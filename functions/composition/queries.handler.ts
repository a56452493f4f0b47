import { type Config, loadConfig } from '../config.js';
import { coreDependencies, type Overrides } from './core.js';
import { printerFor } from './printing.js';
import { queriesApi, queriesDependencies } from './queries.js';

/**
 * Builds this entry's handler: reads views (and, for auditors, the history); never writes, never
 * sends, never touches a resident's key (queries read what the projector already revealed); prints
 * through the printer function (the local runtime passes its own transport).
 */
export const create = (config: Config, overrides: Overrides = {}) => {
  const core = coreDependencies(config, overrides);
  return queriesApi(
    queriesDependencies(core, config, overrides),
    config,
    overrides,
    printerFor(config, overrides),
  );
};

/** Lambda entry point: the query and docs routes of the HTTP API (read-only on views). */
export const handler = create(loadConfig());
