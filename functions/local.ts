import { projections } from '../domain/projections.js';
import type { Commit } from '../events/index.js';
import { DynamoDbIdempotencyStore } from './adapters/dynamodb-idempotency-store.js';
import { createMailerInvoker } from './adapters/lambda-mailer-invoker.js';
import { OutboxMailer } from './adapters/outbox-mailer.js';
import { createEventPublisher } from './app/event-bus.js';
import type { RevealEvents } from './app/personal-data.js';
import type { Printer } from './app/printer.js';
import { type SendReport, sendInProcess, sendThroughMailer } from './app/reports/report-sending.js';
import { ReportService } from './app/reports/report-service.js';
import { eventBusFor } from './composition/bus.js';
import { pagesSignInFrom, webAssetsFor } from './composition/check-in.js';
import { type CommandsDependencies, commandsDependencies } from './composition/commands.js';
import { coreDependencies, type Overrides } from './composition/core.js';
import { mailerFor } from './composition/mail.js';
import { personalDataFor } from './composition/personal-data.js';
import { printerFor } from './composition/printing.js';
import type { QueriesDependencies } from './composition/queries.js';
import type { Config } from './config.js';
import { pdfPrinter } from './printing/pdf-printer.js';
import { printInProcess } from './printing/printing-answers.js';
import { Projector } from './projector/projector.js';

export { type Overrides, systemClock, ulidIds } from './composition/core.js';

/** Every function's dependencies at once (the commands function's are a superset of the queries'). */
export interface Dependencies extends CommandsDependencies, Omit<QueriesDependencies, 'commands'> {
  readonly printer: Printer;
  readonly sendReport: SendReport;
  readonly reports: ReportService;
  readonly projector: Projector;
  readonly revealPersonalData: RevealEvents;
  /** The publisher's work: every event of a batch of commits onto the bus. */
  readonly publishCommits: (commits: readonly Commit[]) => Promise<void>;
  /** The claims store the HTTP functions use, as the concrete adapter (start-up housekeeping). */
  readonly idempotencyClaims: DynamoDbIdempotencyStore;
}

/**
 * Every adapter at once, for the local runtime's own use, the shell tools and tests (a store to look
 * at, a projector to replay with), from the builders each function's entry composes its own part
 * with. The Lambda functions never import it: each composes only what its grants allow.
 */
export function createDependencies(config: Config, overrides: Overrides = {}): Dependencies {
  const core = coreDependencies(config, overrides);
  const personalData = personalDataFor(config, core.client);
  const deps = commandsDependencies(core, config, overrides, personalData);
  const reports = new ReportService({
    ...deps,
    // Locally the outbox stands in for SES (the Lambda bundles never carry it).
    mailer:
      overrides.mailer ??
      (config.OUTBOX_DIR ? new OutboxMailer(config.OUTBOX_DIR, config.MAIL_FROM) : mailerFor(config)),
  });
  // Without a mailer function to invoke (tests, shell tools), reports are sent in this process.
  const sendReport: SendReport = overrides.invokeMailer
    ? sendThroughMailer(overrides.invokeMailer)
    : config.MAILER_FUNCTION_NAME
      ? sendThroughMailer(createMailerInvoker(config.MAILER_FUNCTION_NAME))
      : sendInProcess(reports);
  const revealPersonalData: RevealEvents = (community, events) =>
    personalData.revealEvents(community, events);
  return {
    ...deps,
    // Printed here unless a transport is handed in: the same validation as the printer function's.
    printer: printerFor(config, { invokePrinter: overrides.invokePrinter ?? printInProcess(pdfPrinter) }),
    sendReport,
    reports,
    publicUrl: () => config.PUBLIC_URL ?? overrides.publicUrl?.(),
    webAssets: webAssetsFor(overrides),
    pagesSignIn: pagesSignInFrom(config),
    idempotencyClaims: new DynamoDbIdempotencyStore(
      core.client,
      config.IDEMPOTENCY_TABLE,
      core.clock,
      config.IDEMPOTENCY_LOCK_MS,
    ),
    projector: new Projector(core.views, projections, core.logger, revealPersonalData),
    revealPersonalData,
    publishCommits: createEventPublisher(eventBusFor(config)),
  };
}
