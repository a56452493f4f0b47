import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Commit } from '../../events/index.js';
import { OutboxMailer } from '../../functions/adapters/outbox-mailer.js';
import type { PrinterTransport } from '../../functions/app/printer.js';
import type { MailerTransport } from '../../functions/app/reports/report-sending.js';
import { loadConfig } from '../../functions/config.js';
import { localJwtAuthenticator } from '../../functions/http/authenticator.js';
import { routes } from '../../functions/http/routes/index.js';
import { createDependencies, systemClock } from '../../functions/local.js';
import type { LedgerFunctionName } from '../functions.js';
import { workQueues as queueWiring } from '../scheduled-work.js';
import { awsCallLogFromEnv } from './aws-call-log.js';
import { localBusRules } from './bus-rules.js';
import { checkpointFile } from './checkpoint-file.js';
import { startConsumerThread } from './consumer-thread.js';
import { createTables, defaultTableNames } from './create-tables.js';
import { devSigningSecret } from './dev-key.js';
import { LocalDispatcher } from './dispatcher.js';
import { type Engine, startDynalite } from './engine.js';
import { type LocalHandlers, loadHandlers } from './handlers.js';
import type { LocalRuntime, LocalRuntimeOptions } from './runtime-options.js';
import { scheduledRuns } from './scheduled-runs.js';
import { createLocalServer, listen } from './server.js';
import { recordServerOnMachine } from './server-url.js';
import { webAssetsFor } from './web-assets.js';
import { LocalWorkQueues } from './work-queues.js';

export type { LocalRuntime, LocalRuntimeOptions } from './runtime-options.js';

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  // On the clock the claims' locks are written with, so a claim of this process is never "before".
  const started = (options.clock ?? systemClock).now();
  const { dataDir } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const engine: Engine | undefined = options.endpoint
    ? undefined
    : await startDynalite({ path: dataDir ? join(dataDir, 'dynamodb') : undefined });
  const endpoint = options.endpoint ?? engine!.endpoint;
  await createTables(endpoint);
  const secret = dataDir ? devSigningSecret(dataDir) : 'in-memory-test-secret-0123456789abcdef';
  const localDir = dataDir ?? mkdtempSync(join(tmpdir(), 'ccl-local-'));
  const env: Record<string, string> = {
    ...defaultTableNames,
    DYNAMODB_ENDPOINT: endpoint,
    AUTH_MODE: 'local-jwt',
    LOCAL_JWT_SECRET: secret,
    POWERTOOLS_SERVICE_NAME: 'community-culture-ledger',
    OUTBOX_DIR: options.outboxDir ?? join(localDir, 'outbox'),
    BUS_DIR: join(localDir, 'bus'),
    ...(process.env.IDEMPOTENCY_LOCK_MS ? { IDEMPOTENCY_LOCK_MS: process.env.IDEMPOTENCY_LOCK_MS } : {}),
    // Where phones reach this server when not at its own address (a LAN address, a tunnel).
    ...(process.env.PUBLIC_URL ? { PUBLIC_URL: process.env.PUBLIC_URL } : {}),
  };
  // Business metrics are EMF lines on stdout, read by CloudWatch on AWS; locally they would only
  // clutter the server's output (set POWERTOOLS_METRICS_DISABLED=false to see them).
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const config = loadConfig(env);
  const logger = new Logger({
    serviceName: config.POWERTOOLS_SERVICE_NAME,
    logLevel: options.logLevel ?? 'WARN',
  });
  let dispatcher: LocalDispatcher | undefined;
  const onCommitted = (commit: Commit) => dispatcher?.enqueue(commit);
  // The stand-in for the commands function invoking the mailer function: the mailer's own handler.
  let mailer: LocalHandlers['mailer'] | undefined;
  const invokeMailer: MailerTransport = (event) => mailer!(event);
  // The stand-in for the queries function invoking the printer function: the printer's own handler
  // (from source or from its bundle, with the font beside it).
  let printer: LocalHandlers['printer'] | undefined;
  // The stand-in for SQS: each queue delivers to the handler the stack maps to it.
  let queued: LocalHandlers | undefined;
  const workQueues = new LocalWorkQueues(
    {
      pages: (event) => queued!.scheduler(event),
      reports: (event) => queued!.mailer(event),
      digests: (event) => queued!.digests(event),
      notifications: (event) => queued!.mailer(event),
    },
    queueWiring,
  );
  const invokePrinter: PrinterTransport = (request) => printer!(request);
  // The sign-in sheet's QR code leads to this server's check-in page: its URL is known once it listens.
  let url = '';
  const publicUrl = () => url;
  // The tests' and CLIs' adapters print through the same printer handler as the queries function.
  const deps = createDependencies(config, {
    clock: options.clock,
    logger,
    onCommitted,
    invokePrinter,
    publicUrl,
  });
  // LEDGER_RECORD_AWS_CALLS=<dir>: every SDK call of each function, by name (least privilege, proved).
  const awsCalls = options.awsCalls ?? awsCallLogFromEnv();
  const handlers = await loadHandlers(
    options.handlers ?? { kind: 'source' },
    config,
    (name: LedgerFunctionName) => ({
      clock: options.clock,
      logger,
      onCommitted,
      ...(awsCalls ? { awsCalls: awsCalls(name) } : {}),
      ...(name === 'commands' ? { invokeMailer, crashHook: options.crashHook } : {}),
      ...(name === 'queries'
        ? {
            invokePrinter,
            publicUrl,
            ...webAssetsFor(options.handlers),
          }
        : {}),
      ...(name === 'scheduler' ? { workQueue: workQueues } : {}),
      // The outbox stands in for SES; it is built here, so the mailer's bundle carries SES only.
      ...(name === 'mailer' ? { mailer: new OutboxMailer(config.OUTBOX_DIR!, config.MAIL_FROM) } : {}),
    }),
  );
  mailer = handlers.mailer;
  printer = handlers.printer;
  queued = handlers;
  const consumerThread = options.consumersInThread
    ? startConsumerThread({
        env,
        handlers: options.handlers ?? { kind: 'source' },
        logLevel: options.logLevel ?? 'WARN',
      })
    : undefined;
  // Not awaited: the server answers at once; the first batches wait for the thread's start (about
  // half a second) as views wait for any lag, and reads wait for them (read-your-writes).
  dispatcher = new LocalDispatcher({
    consumers: options.withoutStreamConsumers
      ? {}
      : {
          ...(consumerThread?.consumers ?? { projector: handlers.projector, publisher: handlers.publisher }),
          // The stand-in for the bus's rules: what they route is queued for the same consumers.
          busRules: localBusRules(workQueues, logger),
        },
    store: deps.events,
    checkpoint: dataDir ? checkpointFile(join(dataDir, 'dispatcher-checkpoint.json')) : undefined,
    log: (message, extra) => logger.warn(message, extra ?? {}),
    delayMs: options.projectionDelayMs,
  });
  // Catching up from the checkpoint runs behind the server: ready in the same time whatever the
  // history's size; queries with `consistentWith` wait for it like for any projection lag.
  dispatcher.start();
  const { reports: scheduledReports, digests: dailyDigests } = scheduledRuns({
    scheduler: handlers.scheduler,
    queues: workQueues,
    clock: options.clock ?? systemClock,
  });
  // The local stand-in for EventBridge Scheduler: the same handlers every minute (reports are due
  // only in the hour from 08:00 on the 1st in each plan's zone, and each is sent once).
  const scheduler = setInterval(() => {
    scheduledReports().catch((error) => logger.error('scheduled reports failed', { error: error as Error }));
    dailyDigests().catch((error) => logger.error('daily digests failed', { error: error as Error }));
  }, 60_000);
  scheduler.unref();
  const server: Server = createLocalServer(
    routes,
    { commands: handlers.commands, queries: handlers.queries },
    // As API Gateway's authorizer does, a token is verified before a body is read.
    { authenticator: localJwtAuthenticator(new TextEncoder().encode(secret)) },
  );
  url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  // This process alone uses its engine: Idempotency-Key claims held before it started belong to a
  // process that died (`kill -9`), so retries take them over (and find their commits) at once.
  if (!options.endpoint)
    void deps.idempotencyClaims
      .abandonClaimsFrom(started)
      .catch((error) => logger.warn('stale claims not released', { error: error as Error }));
  if (dataDir)
    writeFileSync(join(dataDir, 'engine.json'), JSON.stringify({ endpoint, url, pid: process.pid }));
  // And on this machine, by URL: a tool whose token this server refuses is told which DATA_DIR to use.
  const forgetOnMachine = dataDir ? recordServerOnMachine(url, dataDir) : undefined;
  const runningDispatcher = dispatcher;
  return {
    url,
    endpoint,
    secret,
    deps,
    handlers,
    dispatcher: runningDispatcher,
    consumerThread,
    scheduledReports,
    dailyDigests,
    workQueues,
    outboxDir: config.OUTBOX_DIR!,
    busDir: config.BUS_DIR!,
    async close() {
      clearInterval(scheduler);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await runningDispatcher.stop();
      await consumerThread?.close();
      if (dataDir) writeFileSync(join(dataDir, 'engine.json'), JSON.stringify({ stopped: true }));
      forgetOnMachine?.();
      await engine?.close();
    },
  };
}
