import { projections } from '../domain/views/index.js';
import type { Commit } from '../events/index.js';
import { DynamoDbIdempotencyStore } from './adapters/dynamodb-idempotency-store.js';
import { createMailerInvoker } from './adapters/lambda-mailer-invoker.js';
import { OutboxMailer } from './adapters/outbox-mailer.js';
import { createEventPublisher } from './app/event-bus.js';
import type { RevealEvents } from './app/personal-data.js';
import { type SendReport, sendInProcess, sendThroughMailer } from './app/reports/report-sending.js';
import type { ReportService } from './app/reports/report-service.js';
import { eventBusFor } from './composition/bus.js';
import { coreDependencies, type Overrides } from './composition/core.js';
import { httpDependencies } from './composition/http.js';
import { mailerFor } from './composition/mail.js';
import { personalDataFor } from './composition/personal-data.js';
import { printerFor } from './composition/printing.js';
import type { Config } from './config.js';
import type { HttpDependencies } from './http/dependencies.js';
import { pdfPrinter } from './printing/pdf-printer.js';
import { printInProcess } from './printing/printing-answers.js';
import { Projector } from './projector/projector.js';

export { type Overrides, systemClock, ulidIds } from './composition/core.js';

export interface Dependencies extends HttpDependencies {
  readonly projector: Projector;
  readonly revealPersonalData: RevealEvents;
  /** The publisher's work: every event of a batch of commits onto the bus. */
  readonly publishCommits: (commits: readonly Commit[]) => Promise<void>;
  /** The same claims store the HTTP functions use, as the concrete adapter (start-up housekeeping). */
  readonly idempotencyClaims: DynamoDbIdempotencyStore;
}

/**
 * Every adapter at once, for the local runtime's own use, the shell tools and tests (a store to look
 * at, a projector to replay with). The Lambda functions do not use it: each entry module composes
 * only what its grants allow, from the same builders (`functions/composition/`).
 */
export function createDependencies(config: Config, overrides: Overrides = {}): Dependencies {
  const core = coreDependencies(config, overrides);
  const personalData = personalDataFor(config, core.client);
  let reports: ReportService | undefined;
  // Without a mailer function to invoke (tests, shell tools), reports are sent in this process.
  const sendReport: SendReport = overrides.invokeMailer
    ? sendThroughMailer(overrides.invokeMailer)
    : config.MAILER_FUNCTION_NAME
      ? sendThroughMailer(createMailerInvoker(config.MAILER_FUNCTION_NAME))
      : (request) => sendInProcess(reports!)(request);
  const idempotencyClaims = new DynamoDbIdempotencyStore(
    core.client,
    config.IDEMPOTENCY_TABLE,
    core.clock,
    config.IDEMPOTENCY_LOCK_MS,
  );
  const http = httpDependencies(core, config, overrides, {
    personalData,
    sendReport,
    idempotency: idempotencyClaims,
    // Printed here unless a transport is handed in: the same validation as the printer function's.
    printer: printerFor(config, { invokePrinter: overrides.invokePrinter ?? printInProcess(pdfPrinter) }),
    // Locally the outbox stands in for SES (the Lambda bundles never carry it).
    mailer:
      overrides.mailer ??
      (config.OUTBOX_DIR ? new OutboxMailer(config.OUTBOX_DIR, config.MAIL_FROM) : mailerFor(config)),
  });
  reports = http.reports;
  const revealPersonalData: RevealEvents = (community, events) =>
    personalData.revealEvents(community, events);
  return {
    ...http,
    idempotencyClaims,
    projector: new Projector(core.views, projections, core.logger, revealPersonalData),
    revealPersonalData,
    publishCommits: createEventPublisher(eventBusFor(config)),
  };
}
