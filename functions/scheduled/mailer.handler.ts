import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store.js';
import { ReportService } from '../app/reports/report-service.js';
import { commandServiceFor, coreDependencies, type Overrides } from '../composition/core.js';
import { mailerFor } from '../composition/mail.js';
import { type Config, loadConfig } from '../config.js';
import { createMailer } from './mailer.js';
import { pacedMailer } from './paced-mailer.js';

/** Builds this entry's handler: the only function with a mailer (SES or SMTP on AWS, the outbox locally). */
export const create = (config: Config, overrides: Overrides = {}) => {
  const core = coreDependencies(config, overrides);
  const commands = commandServiceFor(core, overrides);
  const sender = mailerFor(config, overrides);
  const mailer = config.MAIL_PER_SECOND ? pacedMailer(sender, config.MAIL_PER_SECOND) : sender;
  const reports = new ReportService({
    views: core.views,
    events: core.events,
    digests: new DynamoDbDigestStore(core.client, config.EVENTS_TABLE),
    commands,
    mailer,
    clock: core.clock,
    logger: core.logger,
  });
  return createMailer({ reports, views: core.views, mailer, logger: core.logger, metrics: core.metrics });
};

/**
 * Lambda entry point: report units from the reports queue, notices from the notifications queue
 * (fed by the bus), and the commands function's "send this report now".
 */
export const handler = create(loadConfig());
