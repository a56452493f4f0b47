import { createMailerInvoker } from '../adapters/lambda-mailer-invoker.js';
import { type MailerTransport, sendThroughMailer } from '../app/reports/report-sending.js';
import { coreDependencies, type Overrides } from '../composition/core.js';
import { httpDependencies } from '../composition/http.js';
import { personalDataFor } from '../composition/personal-data.js';
import { commandsPrinter } from '../composition/printing.js';
import { type Config, loadConfig } from '../config.js';
import { createApiHandlers } from './api.js';

/**
 * Builds this entry's handler with what its grants allow: the Events, Views and Idempotency tables,
 * new data keys, and invoking the mailer function (the local runtime passes its own transport).
 */
export const create = (config: Config, overrides: Overrides = {}) => {
  const core = coreDependencies(config, overrides);
  // Locally the runtime hands in its own transport; on AWS the stack sets MAILER_FUNCTION_NAME. (Module
  // load builds a handler from the local environment too, so a missing name fails the call, not the import.)
  const transport: MailerTransport =
    overrides.invokeMailer ??
    (config.MAILER_FUNCTION_NAME
      ? createMailerInvoker(config.MAILER_FUNCTION_NAME)
      : async () => {
          throw new Error('the commands function has no MAILER_FUNCTION_NAME to hand reports to');
        });
  const sendReport = sendThroughMailer(transport);
  const personalData = personalDataFor(config, core.client);
  return createApiHandlers(
    httpDependencies(core, config, overrides, { personalData, sendReport, printer: commandsPrinter }),
  ).commands;
};

/** Lambda entry point: the command routes of the HTTP API. */
export const handler = create(loadConfig());
