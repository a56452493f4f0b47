import { loadConfig } from '../config.js';
import { createDependencies } from '../wiring.js';
import { createDailyDigests } from './daily-digests.js';

/** Lambda entry point: EventBridge Scheduler, daily just after midnight UTC. */
export const handler = createDailyDigests(createDependencies(loadConfig()));
