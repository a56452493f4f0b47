import { loadConfig } from '../config.js';
import { createDependencies } from '../wiring.js';
import { createScheduledReports } from './scheduled-reports.js';

/** Lambda entry point: EventBridge Scheduler, 08:00 community time on the 1st of each month. */
export const handler = createScheduledReports(createDependencies(loadConfig()));
