import { Logger } from '@aws-lambda-powertools/logger';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { monotonicFactory } from 'ulid';
import { projections } from '../domain/views/index.js';
import type { Commit, DomainEvent } from '../events/index.js';
import { DynamoDbBlobStore } from './adapters/dynamodb-blob-store.js';
import { createDocumentClient } from './adapters/dynamodb-client.js';
import { DynamoDbEventStore } from './adapters/dynamodb-event-store.js';
import { DynamoDbIdempotencyStore } from './adapters/dynamodb-idempotency-store.js';
import { DynamoDbKeyStore } from './adapters/dynamodb-key-store.js';
import { DynamoDbViewStore } from './adapters/dynamodb-view-store.js';
import { createEventBridgeBus } from './adapters/eventbridge-bus.js';
import { KmsKeyStore } from './adapters/kms-key-store.js';
import { createMailerInvoker } from './adapters/lambda-mailer-invoker.js';
import { NdjsonBus } from './adapters/ndjson-bus.js';
import { OutboxMailer } from './adapters/outbox-mailer.js';
import { SesMailer } from './adapters/ses-mailer.js';
import { CommandService } from './app/command-handler.js';
import { createEventPublisher, type EventBus } from './app/event-bus.js';
import { PersonalDataCipher } from './app/personal-data.js';
import type { Clock, CrashHook, Ids } from './app/ports.js';
import { DigestStore } from './audit/digests.js';
import type { Config } from './config.js';
import {
  type Authenticator,
  authorizerClaimsAuthenticator,
  localJwtAuthenticator,
} from './http/authenticator.js';
import type { HttpDependencies } from './http/dependencies.js';
import { Projector } from './projector/projector.js';
import { type SendReport, sendInProcess } from './reports/report-sending.js';
import { ReportService } from './reports/report-service.js';

export interface Overrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The local runtime's stand-in for DynamoDB Streams. */
  readonly onCommitted?: (commit: Commit) => void;
  /** The local runtime's stand-in for invoking the mailer function. */
  readonly sendReport?: SendReport;
  /** Fault-injection tests: stops a command at a named instant, as a crash would. */
  readonly crashHook?: CrashHook;
}

export const systemClock: Clock = { now: () => new Date() };

export function ulidIds(): Ids {
  const next = monotonicFactory();
  return { next: (at?: Date) => next(at?.getTime()) };
}

export interface Dependencies extends HttpDependencies {
  readonly projector: Projector;
  readonly revealPersonalData: (community: string, event: DomainEvent) => Promise<DomainEvent>;
  /** The publisher's work: every event of a batch of commits onto the bus. */
  readonly publishCommits: (commits: readonly Commit[]) => Promise<void>;
}

function eventBusOf(config: Config): EventBus {
  if (config.EVENT_BUS_NAME) return createEventBridgeBus(config.EVENT_BUS_NAME);
  if (config.BUS_DIR) return new NdjsonBus(config.BUS_DIR);
  // A process that never publishes (commands, queries, CLIs) needs no bus.
  return {
    put: async () => {
      throw new Error('no event bus configured (EVENT_BUS_NAME on AWS, BUS_DIR locally)');
    },
  };
}

/** The composition root: the only place adapters are built. Lambda entry points and the local runtime both call it. */
export function createDependencies(config: Config, overrides: Overrides = {}): Dependencies {
  const client = createDocumentClient({ endpoint: config.DYNAMODB_ENDPOINT });
  const clock = overrides.clock ?? systemClock;
  const ids = ulidIds();
  const logger = overrides.logger ?? new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME });
  const events = new DynamoDbEventStore({
    client,
    tableName: config.EVENTS_TABLE,
    clock,
    ids,
    onCommitted: overrides.onCommitted,
  });
  const views = new DynamoDbViewStore(client, config.VIEWS_TABLE);
  const personalData = new PersonalDataCipher(
    config.PERSONAL_DATA_KEY_ID
      ? new KmsKeyStore(new KMSClient({}), config.PERSONAL_DATA_KEY_ID, client, config.EVENTS_TABLE)
      : new DynamoDbKeyStore(client, config.EVENTS_TABLE),
  );
  /** Views see residents' personal data decrypted (or erased); events keep only ciphertext. */
  const revealPersonalData = (community: string, event: DomainEvent): Promise<DomainEvent> =>
    personalData.revealEvent(community, event);
  const mailer = config.OUTBOX_DIR
    ? new OutboxMailer(config.OUTBOX_DIR, config.MAIL_FROM)
    : new SesMailer(new SESv2Client({}), config.MAIL_FROM);
  const authenticator: Authenticator =
    config.AUTH_MODE === 'local-jwt'
      ? localJwtAuthenticator(new TextEncoder().encode(config.LOCAL_JWT_SECRET!))
      : authorizerClaimsAuthenticator;
  const commands = new CommandService({
    store: events,
    onSnapshotError: (error) => logger.warn('snapshot not written', { error: error as Error }),
    clock,
    crashHook: overrides.crashHook,
  });
  const reports = new ReportService({ views, commands, mailer, clock, logger });
  const sendReport =
    overrides.sendReport ??
    (config.MAILER_FUNCTION_NAME ? createMailerInvoker(config.MAILER_FUNCTION_NAME) : sendInProcess(reports));
  return {
    events,
    views,
    blobs: new DynamoDbBlobStore(client, config.EVENTS_TABLE),
    commands,
    idempotency: new DynamoDbIdempotencyStore(
      client,
      config.IDEMPOTENCY_TABLE,
      clock,
      config.IDEMPOTENCY_LOCK_MS,
    ),
    authenticator,
    clock,
    ids,
    logger,
    consistencyWaitMs: config.CONSISTENCY_WAIT_MS,
    crashHook: overrides.crashHook,
    projector: new Projector(views, projections, logger, revealPersonalData),
    revealPersonalData,
    personalData,
    reports,
    sendReport,
    publishCommits: createEventPublisher(eventBusOf(config)),
    digests: new DigestStore(client, config.EVENTS_TABLE),
  };
}
