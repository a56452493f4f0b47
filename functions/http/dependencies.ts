import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { DigestStore } from '../app/audit/digests.js';
import type { BlobStore } from '../app/blob-store.js';
import type { CommandService } from '../app/command-handler.js';
import type { IdempotencyStore } from '../app/idempotency.js';
import type { PersonalDataCipher } from '../app/personal-data.js';
import type { Clock, CrashHook, EventStore, Ids } from '../app/ports.js';
import type { Printer } from '../app/printer.js';
import type { SendReport } from '../app/reports/report-sending.js';
import type { ReportService } from '../app/reports/report-service.js';
import type { SessionWrites } from '../app/session-writes.js';
import type { ViewStore } from '../app/view-store.js';
import type { Authenticator } from './authenticator.js';

/** Everything a route handler may use; built once per process by the composition root. */
export interface HttpDependencies {
  readonly commands: CommandService;
  readonly events: EventStore;
  readonly views: ViewStore;
  readonly reports: ReportService;
  /** Hands a report to the mailer function (the only one that may send email). */
  readonly sendReport: SendReport;
  /**
   * Turns a Printable into PDF bytes through the printer function (queries; the commands function's
   * printer refuses). Answer them as `{ status: 200, bytes, headers: { 'content-type': 'application/pdf' } }`.
   */
  readonly printer: Printer;
  readonly digests: DigestStore;
  readonly personalData: PersonalDataCipher;
  readonly blobs: BlobStore;
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
