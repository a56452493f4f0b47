import { createMailerInvoker } from '../adapters/lambda-mailer-invoker.js';
import { type MailerTransport, sendThroughMailer } from '../app/reports/report-sending.js';
import { type Config, loadConfig } from '../config.js';
import { commandsApi, commandsDependencies } from './commands.js';
import { coreDependencies, type Overrides } from './core.js';
import { personalDataFor } from './personal-data.js';

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
  const deps = commandsDependencies(core, config, overrides, personalDataFor(config, core.client));
  return commandsApi(deps, config, overrides, { sendReport: sendThroughMailer(transport) });
};

/** Lambda entry point: the command routes of the HTTP API. */
export const handler = create(loadConfig());
