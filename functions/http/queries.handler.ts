import { loadConfig } from '../config.js';
import { createDependencies } from '../wiring.js';
import { createApiHandlers } from './api.js';

/** Lambda entry point: the query and docs routes of the HTTP API (read-only on views). */
export const handler = createApiHandlers(createDependencies(loadConfig())).queries;
