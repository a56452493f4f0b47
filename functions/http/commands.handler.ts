import { loadConfig } from '../config.js';
import { createDependencies } from '../wiring.js';
import { createApiHandlers } from './api.js';

/** Lambda entry point: the command routes of the HTTP API. */
export const handler = createApiHandlers(createDependencies(loadConfig())).commands;
