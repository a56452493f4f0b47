import { type Config, loadConfig } from '../config.js';
import { createDependencies, type Overrides } from '../wiring.js';
import { createMailer } from './mailer.js';

/** Builds this entry's handler; the local runtime calls it (from source or from the bundle) with its own clock. */
export const create = (config: Config, overrides?: Overrides) =>
  createMailer(createDependencies(config, overrides));

/**
 * Lambda entry point: EventBridge Scheduler at 08:00 community time on the 1st of each month and
 * quarter, and the commands function's "send this report now".
 */
export const handler = create(loadConfig());
