import { coreDependencies, type Overrides } from '../composition/core.js';
import { commandServiceFor } from '../composition/http.js';
import { mailerFor } from '../composition/mail.js';
import { type Config, loadConfig } from '../config.js';
import { ReportService } from '../reports/report-service.js';
import { createMailer } from './mailer.js';

/** Builds this entry's handler: the only function with a mailer (SES on AWS, the outbox locally). */
export const create = (config: Config, overrides: Overrides = {}) => {
  const core = coreDependencies(config, overrides);
  const commands = commandServiceFor(core, overrides);
  const reports = new ReportService({
    views: core.views,
    events: core.events,
    commands,
    mailer: mailerFor(config, overrides),
    clock: core.clock,
    logger: core.logger,
  });
  return createMailer({ views: core.views, reports, clock: core.clock, logger: core.logger });
};

/**
 * Lambda entry point: EventBridge Scheduler at 08:00 community time on the 1st of each month and
 * quarter, and the commands function's "send this report now".
 */
export const handler = create(loadConfig());
