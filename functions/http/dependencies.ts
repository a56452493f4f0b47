import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { IdempotencyStore } from '../app/idempotency.js';
import type { Clock, CrashHook, EventStore, Ids } from '../app/ports.js';
import type { Printer } from '../app/printer.js';
import type { SendReport } from '../app/reports/report-sending.js';
import type { SessionWrites } from '../app/session-writes.js';
import type { ViewStore } from '../app/view-store.js';
import type { Authenticator } from './authenticator.js';
import type { CommandUseCases } from './command-cases.js';
import type { QueryUseCases } from './query-cases.js';

/**
 * What the pipeline and the route table use, built once per process by each HTTP function's
 * composition (`functions/composition/commands.ts`, `queries.ts`). Routes reach the application
 * through the use cases their function bound: the commands function binds `commandCases`, the queries
 * function `queryCases`, so neither carries the other's.
 */
export interface HttpDependencies {
  /** The command use cases, bound to the commands function's dependencies (that function only). */
  readonly commandCases?: CommandUseCases;
  /** The query use cases, bound to the queries function's dependencies (that function only). */
  readonly queryCases?: QueryUseCases;
  /** Read-your-writes: the views' positions (`consistentWith`) and the history they trail. */
  readonly events: EventStore;
  readonly views: ViewStore;
  /** Hands a report to the mailer function (commands; the queries function's refuses). */
  readonly sendReport: SendReport;
  /**
   * Turns a Printable into PDF bytes through the printer function (queries; the commands function's
   * printer refuses). Answer them as `{ status: 200, bytes, headers: { 'content-type': 'application/pdf' } }`.
   */
  readonly printer: Printer;
  readonly idempotency: IdempotencyStore;
  /** Each caller's recent writes, so their queries read them (session consistency). */
  readonly sessions: SessionWrites;
  readonly authenticator: Authenticator;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly logger: Logger;
  /** The function's business metrics (answers by kind), flushed per invocation; absent in unit tests. */
  readonly metrics?: Metrics;
  /** How long a query with `consistentWith` waits for the projector before answering 503. */
  readonly consistencyWaitMs: number;
  /** Fault-injection tests only: stops a request at a named instant, as a crash would. */
  readonly crashHook?: CrashHook;
}
