import { PersonalDataCipher } from '../app/personal-data.js';
import { coreDependencies, type Overrides } from '../composition/core.js';
import { httpDependencies } from '../composition/http.js';
import { keysNotGranted } from '../composition/no-keys.js';
import { printerFor } from '../composition/printing.js';
import { type Config, loadConfig } from '../config.js';
import { createApiHandlers } from './api.js';

/**
 * Builds this entry's handler: reads views (and, for auditors, the history); never writes, never
 * sends; prints through the printer function (the local runtime passes its own transport).
 */
export const create = (config: Config, overrides: Overrides = {}) => {
  const core = coreDependencies(config, overrides);
  return createApiHandlers(
    httpDependencies(core, config, overrides, {
      // Queries read what the projector already revealed; they never touch a resident's key.
      personalData: new PersonalDataCipher(keysNotGranted('the queries function')),
      sendReport: async () => {
        throw new Error('the queries function does not send reports');
      },
      printer: printerFor(config, overrides),
    }),
  ).queries;
};

/** Lambda entry point: the query and docs routes of the HTTP API (read-only on views). */
export const handler = create(loadConfig());
