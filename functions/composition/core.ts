import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { Commit } from '../../events/index.js';
import { type AwsCallRecorder, recordAwsCalls } from '../adapters/aws-calls.js';
import { createDocumentClient } from '../adapters/dynamodb-client.js';
import { DynamoDbEventStore } from '../adapters/dynamodb-event-store.js';
import { DynamoDbViewStore } from '../adapters/dynamodb-view-store.js';
import { traced } from '../adapters/tracing.js';
import { CommandService } from '../app/command-handler.js';
import type { Mailer } from '../app/mailer.js';
import type { Clock, CrashHook, EventStore, Ids } from '../app/ports.js';
import type { PrinterTransport } from '../app/printer.js';
import type { MailerTransport } from '../app/reports/report-sending.js';
import type { WorkQueue } from '../app/scheduled-work.js';
import type { ViewStore } from '../app/view-store.js';
import type { WebAssets } from '../app/web-assets.js';
import type { Config } from '../config.js';
import { type Metrics, metricsFor } from './observability.js';

/** What the local runtime and tests swap in: its clock, its logger, its stand-ins for AWS. */
export interface Overrides {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The local runtime's stand-in for DynamoDB Streams. */
  readonly onCommitted?: (commit: Commit) => void;
  /** The local runtime's stand-in for invoking the mailer function. */
  readonly invokeMailer?: MailerTransport;
  /** The local runtime's stand-in for invoking the printer function: its handler, in process. */
  readonly invokePrinter?: PrinterTransport;
  /** Fault-injection tests: stops a command at a named instant, as a crash would. */
  readonly crashHook?: CrashHook;
  /** The local runtime's stand-in for SES: `.eml` files in its outbox (kept out of the Lambda bundle). */
  readonly mailer?: Mailer;
  /** The local runtime's stand-in for SQS: queues in memory that call the same handlers. */
  readonly workQueue?: WorkQueue;
  /** The local runtime's builder of the check-in and kiosk pages' scripts, from source (the bundles carry theirs). */
  readonly webAssets?: WebAssets;
  /** The local runtime's own URL, known once it listens: where its check-in pages are (unless PUBLIC_URL says). */
  readonly publicUrl?: () => string;
  /** Tests: told of every AWS SDK call this function's clients make (least privilege, proved). */
  readonly awsCalls?: AwsCallRecorder;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Random fractions for ulid from a pooled draw: ulid asks for one random byte per character, and
 * one crypto call each cost about 7 % of a command's CPU; one 4 KiB draw serves 256 ids.
 */
function pooledRandom(): () => number {
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at >= pool.length) {
      pool = randomBytes(4096);
      at = 0;
    }
    return pool[at++]! / 256;
  };
}

export function ulidIds(): Ids {
  const next = monotonicFactory(pooledRandom());
  return { next: (at?: Date) => next(at?.getTime()) };
}

export function loggerFor(config: Config, overrides: Overrides = {}): Logger {
  return overrides.logger ?? new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME });
}

/** What every function that touches DynamoDB shares: one client, the clock, ids, the two stores. */
export interface CoreDependencies {
  readonly client: DynamoDBDocumentClient;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly logger: Logger;
  readonly events: EventStore;
  readonly views: ViewStore;
  /** This function's business metrics (EMF), flushed by its handler at the end of each invocation. */
  readonly metrics: Metrics;
}

export function coreDependencies(config: Config, overrides: Overrides = {}): CoreDependencies {
  const client = createDocumentClient({ endpoint: config.DYNAMODB_ENDPOINT }, traced);
  recordAwsCalls(client, 'dynamodb', overrides.awsCalls);
  const clock = overrides.clock ?? systemClock;
  const ids = ulidIds();
  return {
    client,
    clock,
    ids,
    logger: loggerFor(config, overrides),
    events: new DynamoDbEventStore({
      client,
      tableName: config.EVENTS_TABLE,
      clock,
      ids,
      onCommitted: overrides.onCommitted,
    }),
    views: new DynamoDbViewStore(client, config.VIEWS_TABLE),
    metrics: metricsFor(config),
  };
}

/** The write side: loads, decides, appends (the commands function, and the mailer recording deliveries). */
export function commandServiceFor(core: CoreDependencies, overrides: Overrides = {}): CommandService {
  return new CommandService({
    store: core.events,
    onSnapshotError: (error) => core.logger.warn('snapshot not written', { error: error as Error }),
    clock: core.clock,
    crashHook: overrides.crashHook,
  });
}
