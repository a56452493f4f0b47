import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { corsPolicy } from '../../functions/http/cors.js';
import { routes } from '../../functions/http/routes/index.js';
import { BUNDLED_FONT, PACKAGED_FONT } from '../../functions/printing/font.js';
import { LedgerFunction, type LedgerFunctionProps } from '../constructs/ledger-function.js';
import { OperationsAlarms } from '../constructs/operations-alarms.js';
import { type LedgerFunctionName, ledgerFunctions } from '../functions.js';
import { mailerConcurrency } from '../scheduled-work.js';
import type { StageConfig } from '../stage-config.js';
import { webBuildCommands } from '../web-pages.js';
import { addDefaultStage } from './api-stage.js';
import { apiAuthorizer } from './authorizer.js';
import { routeBusRules } from './bus-rules.js';
import { wireCheckInPages } from './check-in-pages.js';
import { grantLeastPrivilege } from './function-grants.js';
import { importHandoff, type SharedResources } from './handoff.js';
import { scheduleReportsAndDigests } from './schedules.js';
import { type WorkQueues, workQueuesFor } from './work-queues.js';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
}

const retentionOf = {
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

/** Functions, the HTTP API, the stream mappings, the schedules and the alarms: replaceable at every deployment. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Readonly<Record<LedgerFunctionName, LedgerFunction>>;
  /** The on-failure destination of both stream mappings. */
  readonly streamFailures: Queue;
  /** Routes without the authorizer (docs, OpenAPI), as the contract says. */
  readonly publicRoutes: IConstruct[] = [];
  /** The stateful stack's resources, imported through its SSM parameters. */
  readonly shared: SharedResources;
  readonly work: WorkQueues;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const shared = importHandoff(this, config.stage);
    this.shared = shared;
    const logRetention = retentionOf[config.logRetentionDays];
    const tables = {
      EVENTS_TABLE: shared.events.tableName,
      VIEWS_TABLE: shared.views.tableName,
      IDEMPOTENCY_TABLE: shared.idempotency.tableName,
      AUTH_MODE: 'authorizer',
      PERSONAL_DATA_KEY_ID: shared.personalDataKey.keyArn,
      ...(config.identity.kind === 'oidc'
        ? {
            AUTH_COMMUNITY_CLAIM: config.identity.communityClaim,
            AUTH_ROLES_CLAIM: config.identity.rolesClaim,
            AUTH_RESIDENT_CLAIM: config.identity.residentClaim,
          }
        : {}),
    };
    const queue = (queueId: string) =>
      new Queue(this, queueId, {
        enforceSSL: true,
        encryption: QueueEncryption.SQS_MANAGED,
        retentionPeriod: Duration.days(14),
      });
    /** Schedules that could not invoke the scheduler, and async invocations that failed every retry. */
    const scheduleFailures = queue('ScheduleDeadLetters');
    /** Stream batches the projector or the publisher gave up on (bounded retries, maximum age). */
    const streamFailures = queue('StreamFailures');
    this.streamFailures = streamFailures;

    const fn = (
      name: LedgerFunctionName,
      rest: Omit<LedgerFunctionProps, 'name' | 'entry' | 'logRetention'>,
    ) =>
      new LedgerFunction(this, name.charAt(0).toUpperCase() + name.slice(1), {
        name,
        entry: ledgerFunctions[name],
        logRetention,
        ...rest,
      });
    const mailer = fn('mailer', {
      description:
        'The only sender of email: scheduled reports (1st of each month and quarter), "send now", and waitlist promotion notices',
      environment: {
        ...tables,
        MAIL_FROM: config.mail.from,
        // Each of the mailer's concurrent containers takes its share of the stage's mail rate.
        MAIL_PER_SECOND: String(config.mailPerSecond / mailerConcurrency),
        ...(config.mail.kind === 'ses'
          ? { SES_CONFIGURATION_SET: `community-culture-ledger-${config.stage}` }
          : {}),
      },
      timeout: Duration.minutes(5),
      memorySize: 1024,
      deadLetterQueue: scheduleFailures,
    });
    const commands = fn('commands', {
      description: 'HTTP commands: load, decide, append to the Events table',
      environment: { ...tables, MAILER_FUNCTION_NAME: mailer.functionName },
      memorySize: 1024,
      // API Gateway gives up after 30 s; a command that waits on contention stops before that. An
      // Idempotency-Key claim (IDEMPOTENCY_LOCK_MS, 30 s) outlives it, and a holder starts no append
      // in its last 5 s, so a retry that takes a claim over never races a live holder.
      timeout: Duration.seconds(29),
    });
    // No table, no key, no environment of its own: Printable in, PDF out. The CJK font (10 MB) sits
    // beside the bundle, read once per container; pdfkit embeds only the glyphs a document uses.
    const printer = fn('printer', {
      description: 'Printable documents to PDF (pdfkit, Noto Sans SC); invoked by the queries function',
      memorySize: 1024,
      timeout: Duration.seconds(20),
      extraFiles: [{ source: PACKAGED_FONT, target: BUNDLED_FONT }],
      // fontkit's brotli (WOFF2 only) would be half the bundle; the printer opens a TrueType font.
      aliases: { 'brotli/decompress.js': 'functions/printing/no-woff2.ts' },
    });
    const queries = fn('queries', {
      description: 'HTTP queries: read views (and, for auditors, the history); never write',
      environment: { ...tables, PRINTER_FUNCTION_NAME: printer.functionName },
      memorySize: 1024,
      timeout: Duration.seconds(29),
      extraFiles: ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'].map(
        (file) => ({ source: `node_modules/swagger-ui-dist/${file}`, target: `swagger-ui/${file}` }),
      ),
      // The check-in and kiosk pages' scripts, built from web/ beside the bundle.
      afterBundling: webBuildCommands,
    });
    const projector = fn('projector', {
      description: 'Events stream to views',
      environment: tables,
      memorySize: 512,
      timeout: Duration.seconds(60),
    });
    const publisher = fn('publisher', {
      description: 'Events stream to the EventBridge bus, one entry per event',
      environment: { ...tables, EVENT_BUS_NAME: shared.bus.eventBusName },
      memorySize: 256,
      timeout: Duration.seconds(30),
    });
    const digests = fn('digests', {
      description:
        "One community's daily digests per queued unit, chaining the heads of the streams changed each day",
      environment: tables,
      memorySize: 512,
      timeout: Duration.minutes(5),
    });
    const scheduler = fn('scheduler', {
      description: 'Schedule runs to queued units: one page of the plans registry per invocation',
      environment: tables,
      memorySize: 256,
      timeout: Duration.seconds(60),
      deadLetterQueue: scheduleFailures,
    });
    this.functions = { commands, queries, projector, publisher, mailer, digests, printer, scheduler };
    this.work = workQueuesFor(this, this.functions);
    scheduler.addEnvironment('PAGES_QUEUE_URL', this.work.queues.pages.queueUrl);
    scheduler.addEnvironment('REPORTS_QUEUE_URL', this.work.queues.reports.queueUrl);
    scheduler.addEnvironment('DIGESTS_QUEUE_URL', this.work.queues.digests.queueUrl);

    grantLeastPrivilege({ config, shared, work: this.work }, this.functions);

    for (const consumer of [projector, publisher]) {
      consumer.addEventSource(
        new DynamoEventSource(shared.events, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          bisectBatchOnError: true,
          retryAttempts: 10,
          maxRecordAge: Duration.days(1),
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(streamFailures),
        }),
      );
    }

    scheduleReportsAndDigests(this, { scheduler, deadLetters: scheduleFailures });
    routeBusRules(this, { bus: shared.bus, ...this.work });

    this.api = new HttpApi(this, 'Api', {
      description: 'Community Culture Ledger HTTP API',
      createDefaultStage: false,
      // The same policy the local server applies (functions/http/cors.ts); API Gateway answers
      // preflights and adds these headers itself, ignoring any a function sets.
      corsPreflight: {
        allowOrigins: config.allowedOrigins,
        allowMethods: corsPolicy.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...corsPolicy.allowHeaders],
        exposeHeaders: [...corsPolicy.exposeHeaders],
        maxAge: Duration.seconds(corsPolicy.maxAgeSeconds),
      },
    });
    addDefaultStage(this.api, config, logRetention);
    const pages = wireCheckInPages(this, config, shared, { commands, queries }, this.api.apiEndpoint);
    const authorizer = apiAuthorizer(this, config, shared, pages);
    // One permission per function for the whole API, not one per route: a function's resource policy
    // is limited to 20 KB, which about 45 route-scoped statements fill.
    const integrations = {
      commands: new HttpLambdaIntegration('CommandsIntegration', commands, { scopePermissionToRoute: false }),
      queries: new HttpLambdaIntegration('QueriesIntegration', queries, { scopePermissionToRoute: false }),
    };
    // Routes come from the one route table; public ones (docs, OpenAPI) carry no authorizer.
    for (const route of routes) {
      const added = this.api.addRoutes({
        path: route.path,
        methods: [route.method === 'GET' ? HttpMethod.GET : HttpMethod.POST],
        integration: route.kind === 'command' ? integrations.commands : integrations.queries,
        authorizer: route.kind === 'public' ? undefined : authorizer,
      });
      if (route.kind === 'public') this.publicRoutes.push(...added);
    }

    new OperationsAlarms(this, 'Alarms', {
      operatorEmails: config.operatorEmails,
      functions: Object.values(this.functions),
      streamConsumers: [projector, publisher],
      deadLetterQueues: [scheduleFailures, streamFailures, ...Object.values(this.work.deadLetters)],
      functionNames:
        config.identity.kind === 'cognito' ? { TokenClaims: shared.read('TokenClaimsFunctionName') } : {},
      tableNames: {
        Events: shared.events.tableName,
        Views: shared.views.tableName,
        Idempotency: shared.idempotency.tableName,
      },
      api: this.api,
      watchSesReputation: config.mail.kind === 'ses',
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}
