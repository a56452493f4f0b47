import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { StringAttribute, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { routes } from '../../functions/http/routes/index.js';
import type { StageConfig } from '../config.js';
import { LedgerFunction } from '../constructs/ledger-function.js';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly events: TableV2;
  readonly views: TableV2;
  readonly idempotency: TableV2;
  readonly personalDataKey: IKey;
}

/** Functions, the HTTP API and the stream mapping: replaceable at every deployment. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const tables = {
      EVENTS_TABLE: props.events.tableName,
      VIEWS_TABLE: props.views.tableName,
      IDEMPOTENCY_TABLE: props.idempotency.tableName,
      AUTH_MODE: 'authorizer',
      PERSONAL_DATA_KEY_ID: props.personalDataKey.keyArn,
    };

    const commands = new LedgerFunction(this, 'Commands', {
      entry: 'functions/http/commands.handler.ts',
      description: 'HTTP commands: load, decide, append to the Events table',
      environment: { ...tables, MAIL_FROM: props.config.senderAddress },
      memorySize: 1024,
    });
    const queries = new LedgerFunction(this, 'Queries', {
      entry: 'functions/http/queries.handler.ts',
      description: 'HTTP queries: read views only',
      environment: { ...tables, DOCS_ASSETS_DIR: '/var/task/swagger-ui' },
      extraFiles: ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'].map(
        (file) => ({
          source: `node_modules/swagger-ui-dist/${file}`,
          target: `swagger-ui/${file}`,
        }),
      ),
    });
    const projector = new LedgerFunction(this, 'Projector', {
      entry: 'functions/projector/projector.handler.ts',
      description: 'Events stream to views',
      environment: tables,
      timeout: Duration.seconds(60),
    });

    const reports = new LedgerFunction(this, 'Reports', {
      entry: 'functions/scheduled/reports.handler.ts',
      description: 'Scheduled reports: 08:00 community time on the 1st, to the leader and deputies',
      environment: { ...tables, MAIL_FROM: props.config.senderAddress },
      timeout: Duration.minutes(5),
      memorySize: 1024,
    });
    const digests = new LedgerFunction(this, 'Digests', {
      entry: 'functions/scheduled/digests.handler.ts',
      description: 'Daily digests chaining the heads of the streams changed each day',
      environment: tables,
      timeout: Duration.minutes(5),
    });
    // Least privilege: commands append history, queries read views, only the projector writes views.
    props.events.grantReadWriteData(commands);
    props.idempotency.grantReadWriteData(commands);
    // Enrolment makes a resident's data key; the projector unwraps it to fill the views; nobody else sees it.
    props.personalDataKey.grant(commands, 'kms:GenerateDataKey');
    props.personalDataKey.grant(projector, 'kms:Decrypt');
    props.views.grantReadData(queries);
    // Auditors' routes read the history itself; reading is all the query function may do with it.
    props.events.grantReadData(queries);
    // POST /reports/{planId}/send builds the report from views and mails it now.
    props.views.grantReadData(commands);
    commands.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] }));
    props.views.grantReadWriteData(projector);
    // The mailer reads views, records ReportSent in the history, and is the only function that sends email.
    props.views.grantReadData(reports);
    props.events.grantReadWriteData(reports);
    reports.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] }));
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    });
    reports.grantInvoke(schedulerRole);
    const scheduleDlq = new Queue(this, 'ScheduleDeadLetters', {
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    scheduleDlq.grantSendMessages(schedulerRole);
    props.views.grantReadData(digests);
    props.events.grantReadWriteData(digests);
    digests.grantInvoke(schedulerRole);
    new CfnSchedule(this, 'DailyDigests', {
      description: 'Digest of the day just ended, for every community',
      scheduleExpression: 'cron(5 0 * * ? *)',
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: digests.functionArn,
        roleArn: schedulerRole.roleArn,
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: scheduleDlq.queueArn },
      },
    });
    new CfnSchedule(this, 'MonthlyReports', {
      description: 'Reports of the month (and quarter, and year) just ended',
      scheduleExpression: 'cron(0 8 1 * ? *)',
      scheduleExpressionTimezone: props.config.timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: reports.functionArn,
        roleArn: schedulerRole.roleArn,
        input: JSON.stringify({ source: 'schedule' }),
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: scheduleDlq.queueArn },
      },
    });
    projector.addEventSource(
      new DynamoEventSource(props.events, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        reportBatchItemFailures: true,
      }),
    );

    const userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { community: new StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }) },
    });
    const client = userPool.addClient('Frontend', { authFlows: { userSrp: true } });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, { userPoolClients: [client] });

    this.api = new HttpApi(this, 'Api', {
      description: 'Community Culture Ledger HTTP API',
      corsPreflight: {
        allowOrigins: props.config.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-correlation-id'],
        exposeHeaders: ['etag', 'x-correlation-id', 'idempotent-replayed'],
      },
    });
    const integrations = {
      commands: new HttpLambdaIntegration('CommandsIntegration', commands),
      queries: new HttpLambdaIntegration('QueriesIntegration', queries),
    };
    // Routes come from the one route table; public ones (docs) carry no authorizer.
    for (const route of routes) {
      this.api.addRoutes({
        path: route.path,
        methods: [route.method === 'GET' ? HttpMethod.GET : HttpMethod.POST],
        integration: route.kind === 'command' ? integrations.commands : integrations.queries,
        authorizer: route.kind === 'public' ? undefined : authorizer,
      });
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
  }
}
