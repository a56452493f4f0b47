import { DynamoDbBlobStore } from '../adapters/dynamodb-blob-store.js';
import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store.js';
import { DynamoDbIdempotencyStore } from '../adapters/dynamodb-idempotency-store.js';
import { DynamoDbSessionWrites } from '../adapters/dynamodb-session-writes.js';
import { CommandService } from '../app/command-handler.js';
import type { Mailer } from '../app/mailer.js';
import type { PersonalDataCipher } from '../app/personal-data.js';
import type { Printer } from '../app/printer.js';
import type { SendReport } from '../app/reports/report-sending.js';
import { ReportService } from '../app/reports/report-service.js';
import type { Config } from '../config.js';
import {
  type Authenticator,
  authorizerAuthenticator,
  claimsMappingFrom,
  localJwtAuthenticator,
} from '../http/authenticator.js';
import type { HttpDependencies } from '../http/dependencies.js';
import type { CoreDependencies, Overrides } from './core.js';

/** The mailer of every function but the mailer: email is not theirs to send, nor in their grants. */
export const noMailer: Mailer = {
  send: async () => {
    throw new Error('only the mailer function sends email');
  },
};

export function commandServiceFor(core: CoreDependencies, overrides: Overrides = {}): CommandService {
  return new CommandService({
    store: core.events,
    onSnapshotError: (error) => core.logger.warn('snapshot not written', { error: error as Error }),
    clock: core.clock,
    crashHook: overrides.crashHook,
  });
}

/**
 * What the route table needs, for the two HTTP functions: the commands function hands reports to
 * the mailer function (`sendReport`), the queries function never sends one; the queries function
 * hands documents to the printer function (`printer`), the commands function never prints.
 */
export function httpDependencies(
  core: CoreDependencies,
  config: Config,
  overrides: Overrides,
  parts: {
    readonly personalData: PersonalDataCipher;
    readonly sendReport: SendReport;
    /** The printer function (queries), or one that refuses (commands). */
    readonly printer: Printer;
    readonly mailer?: Mailer;
    /** The claims store, when the caller keeps a handle on it (the local runtime releases dead claims). */
    readonly idempotency?: DynamoDbIdempotencyStore;
  },
): HttpDependencies {
  const authenticator: Authenticator =
    config.AUTH_MODE === 'local-jwt'
      ? localJwtAuthenticator(new TextEncoder().encode(config.LOCAL_JWT_SECRET!))
      : authorizerAuthenticator(claimsMappingFrom(config));
  const commands = commandServiceFor(core, overrides);
  const { client, clock, ids, logger, events, views, metrics } = core;
  return {
    events,
    views,
    blobs: new DynamoDbBlobStore(client, config.EVENTS_TABLE),
    commands,
    idempotency:
      parts.idempotency ??
      new DynamoDbIdempotencyStore(client, config.IDEMPOTENCY_TABLE, clock, config.IDEMPOTENCY_LOCK_MS),
    sessions: new DynamoDbSessionWrites(client, config.IDEMPOTENCY_TABLE, clock),
    authenticator,
    clock,
    ids,
    logger,
    metrics,
    consistencyWaitMs: config.CONSISTENCY_WAIT_MS,
    crashHook: overrides.crashHook,
    personalData: parts.personalData,
    reports: new ReportService({ views, events, commands, mailer: parts.mailer ?? noMailer, clock, logger }),
    sendReport: parts.sendReport,
    printer: parts.printer,
    digests: new DynamoDbDigestStore(client, config.EVENTS_TABLE),
  };
}
