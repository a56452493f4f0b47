import type { AwsCallRecorder } from '../../functions/adapters/aws-calls.js';
import type { Clock, CrashHook } from '../../functions/app/ports.js';
import type { Dependencies } from '../../functions/local.js';
import type { ConsumerThread } from './consumer-thread.js';
import type { LocalDispatcher } from './dispatcher.js';
import type { HandlerSource, LocalHandlers } from './handlers.js';
import type { ScheduledRuns } from './scheduled-runs.js';
import type { LocalWorkQueues } from './work-queues.js';

export interface LocalRuntimeOptions {
  /** Folder for the engine's LevelDB, the dev key and the outbox; in memory (and a throwaway key) when absent. */
  readonly dataDir?: string;
  readonly port?: number;
  readonly host?: string;
  /** Use an engine that is already running (DynamoDB Local in the conformance tier) instead of dynalite. */
  readonly endpoint?: string;
  readonly clock?: Clock;
  /** Where email is written as .eml files (default: `<dataDir>/outbox`). */
  readonly outboxDir?: string;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Run the functions from source (default) or from the bundles the CDK app built. */
  readonly handlers?: HandlerSource;
  /** Fault-injection tests: stops a command at a named instant, as `kill -9` would. */
  readonly crashHook?: CrashHook;
  /** Tests: the views trail every commit by this long (a lagging projector). */
  readonly projectionDelayMs?: number;
  /**
   * Run the stream's consumers (projector, publisher) in a thread of their own, as they run in
   * Lambda functions of their own on AWS (`npm start` and the bench do): requests keep the main
   * thread. Default: in this thread (tests start many runtimes; a thread costs each half a second
   * of CPU to load the functions again).
   */
  readonly consumersInThread?: boolean;
  /**
   * Told of every AWS SDK call each function makes, by function name (the bench and the round-trip
   * budget test time them); `LEDGER_RECORD_AWS_CALLS` is used when absent.
   */
  readonly awsCalls?: (fn: string) => AwsCallRecorder;
  /** The bench: nothing consumes the stream (no views, no bus), to measure the request path alone. */
  readonly withoutStreamConsumers?: boolean;
}

export interface LocalRuntime {
  readonly url: string;
  readonly endpoint: string;
  readonly secret: string;
  /** Adapters for tests and CLIs to look at the stores directly (always from source). */
  readonly deps: Dependencies;
  readonly handlers: LocalHandlers;
  readonly dispatcher: LocalDispatcher;
  /** The stream consumers' own thread, when they run in one. */
  readonly consumerThread?: ConsumerThread;
  /** A reports schedule's run, through the scheduler, the queues and the mailer: what each unit came to. */
  readonly scheduledReports: ScheduledRuns['reports'];
  /** The daily digests schedule's run, through the scheduler, the queues and the digests function. */
  readonly dailyDigests: ScheduledRuns['digests'];
  /** The local stand-in for the SQS queues of scheduled work (its dead letters, for tests). */
  readonly workQueues: LocalWorkQueues;
  readonly outboxDir: string;
  /** The local event bus: one NDJSON line per published event. */
  readonly busDir: string;
  close(): Promise<void>;
}

/** Engine → tables → handlers → dispatcher → HTTP server: what `npm start` runs and what e2e tests start. */
