import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventRegistry } from '../../events/index.js';
import { busEntriesOf } from '../../functions/app/event-bus.js';
import { roles } from '../../functions/http/principal.js';
import { routes } from '../../functions/http/routes/index.js';
import { buildApp } from '../../infra/app.js';
import { ledgerFunctions } from '../../infra/functions.js';
import { nagAcknowledgements } from '../../infra/nag-acknowledgements.js';
import { oneEventCommit } from '../support/one-event-commit.js';

type Statement = { Action: string | string[]; Resource: unknown };

/** One plan created, as the history stores it (what the publisher announces). */
const sampleCommit = oneEventCommit('demo#plan#P1', {
  type: 'PlanCreated',
  schemaVersion: 1,
  data: {
    planId: 'P1',
    communityName: 'Venus',
    year: 2026,
    title: 'Plan',
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
  },
});

describe('CDK app (synthesised offline)', () => {
  let data: Template;
  let api: Template;

  beforeAll(() => {
    const { stateful, stateless } = buildApp(
      new App({
        context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:defaultCrossStackReferences': 'strong' },
      }),
    );
    data = Template.fromStack(stateful);
    api = Template.fromStack(stateless);
  });

  it('keeps the history in an Events table keyed by stream and version, streamed, recoverable, protected and encrypted', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'streamId', KeyType: 'HASH' },
        { AttributeName: 'version', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byCommunityMonth',
          KeySchema: [
            { AttributeName: 'bucket', KeyType: 'HASH' },
            { AttributeName: 'commitId', KeyType: 'RANGE' },
          ],
        }),
      ],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
    data.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ StreamSpecification: { StreamViewType: 'NEW_IMAGE' } }),
    });
  });

  it('has a Views table with the list index the queries use', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
    });
  });

  it('keeps every key rotating, the keys of data and backups retained, and expires idempotency records by TTL', () => {
    const keys = data.findResources('AWS::KMS::Key');
    expect(
      Object.keys(keys)
        .map((id) => id.replace(/[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual(['BackupKey', 'DataKey', 'MailFeedbackKey', 'PersonalDataKey']);
    for (const [id, key] of Object.entries(keys)) {
      expect(key.Properties.EnableKeyRotation, id).toBe(true);
      // The bounce topic's key encrypts nothing that outlives the topic.
      if (!id.startsWith('MailFeedbackKey')) expect(key.DeletionPolicy, id).toBe('Retain');
    }
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    // The projector's notes of a caller's applied writes (read-your-writes) expire with their window.
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('has an event bus whose archive keeps every event the ledger publishes', () => {
    const bus = Object.keys(data.findResources('AWS::Events::EventBus'))[0]!;
    data.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [bus, 'Arn'] },
      EventPattern: { source: ['community-culture-ledger'] },
      RetentionDays: 365,
    });
  });

  it("registers every event type and version as a Draft 4 schema of the bus's registry (issue 27)", () => {
    const catalogue = [...eventRegistry.values()].flatMap((definition) =>
      Array.from({ length: definition.version }, (_, i) => `${definition.type}.v${i + 1}`),
    );
    data.resourceCountIs('AWS::EventSchemas::Registry', 1);
    const schemas = Object.values(data.findResources('AWS::EventSchemas::Schema')).map(
      (resource) => resource.Properties as { SchemaName: string; Type: string; Content: string },
    );
    expect(schemas.map((schema) => schema.SchemaName.split('@')[1]).sort()).toEqual(catalogue.sort());
    // The registry's dialect, Draft 4, validated as Draft 4 (`exclusiveMinimum` is a boolean there).
    const ajv = new ajvDraft04.default({ strict: false });
    for (const schema of schemas) {
      expect(schema.Type).toBe('JSONSchemaDraft4');
      const content = JSON.parse(schema.Content) as {
        $schema: string;
        properties: Record<string, { enum?: string[] }>;
      };
      expect(content.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(content.properties['detail-type']!.enum).toEqual([
        schema.SchemaName.split('@')[1]!.split('.v')[0],
      ]);
      // A bus entry the publisher makes validates against its schema; another type's does not.
      const entry = busEntriesOf(sampleCommit)[0]!;
      const event = {
        'detail-type': entry.detailType,
        source: entry.source,
        detail: JSON.parse(entry.detail),
      };
      const validates = ajv.validate(content, event);
      expect(validates, schema.SchemaName).toBe(schema.SchemaName.endsWith('@PlanCreated.v1'));
    }
  });

  it('routes every entry of the route table, with the Cognito JWT authorizer on all but docs, OpenAPI, AsyncAPI and the pages', () => {
    const found = api.findResources('AWS::ApiGatewayV2::Route');
    const byKey = new Map(Object.values(found).map((r) => [r.Properties.RouteKey as string, r.Properties]));
    expect(byKey.size).toBe(routes.length);
    for (const route of routes) {
      const props = byKey.get(`${route.method} ${route.path}`);
      expect(props, `${route.method} ${route.path}`).toBeDefined();
      // The check-in and kiosk pages open from a QR code before anyone signs in; they call the API signed in.
      const isDocs =
        ['/openapi.json', '/asyncapi.json', '/signed-in'].includes(route.path) ||
        ['/docs', '/check-in/', '/kiosk/', '/web/'].some((prefix) => route.path.startsWith(prefix));
      expect(props!.AuthorizationType, route.path).toBe(isDocs ? 'NONE' : 'JWT');
    }
    const authorizer = Object.values(api.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!.Properties;
    expect(authorizer).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    expect(JSON.stringify(authorizer.JwtConfiguration.Issuer)).toContain('cognito-idp');
  });

  it('serves the check-in pages at PUBLIC_URL (the API URL by default), signing people in through the managed login, tickets signed with a key only the two HTTP functions read (issue 28)', () => {
    data.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      ManagedLoginVersion: 2,
      Domain: { 'Fn::Join': ['', ['ledger-dev-', { Ref: 'AWS::AccountId' }]] },
    });
    data.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) }),
    });
    const apiUrl = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ApiEndpoint'] };
    api.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      GenerateSecret: false,
      CallbackURLs: [{ 'Fn::Join': ['', [apiUrl, '/signed-in']] }],
    });
    api.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
    const functions = api.findResources('AWS::Lambda::Function');
    const environmentOf = (name: string) =>
      Object.entries(functions).find(([id]) => id.startsWith(name))![1].Properties.Environment.Variables;
    expect(environmentOf('Queries')).toMatchObject({
      PUBLIC_URL: { 'Fn::GetAtt': [expect.stringMatching(/^Api/), 'ApiEndpoint'] },
      CHECK_IN_TICKET_SECRET_ARN: expect.anything(),
      PAGES_SIGN_IN: expect.anything(),
    });
    expect(environmentOf('Commands')).toMatchObject({ CHECK_IN_TICKET_SECRET_ARN: expect.anything() });
    // The pages' client is accepted by the authorizer as the front-end's and the operators' are.
    const authorizer = Object.values(api.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!.Properties;
    expect(JSON.stringify(authorizer.JwtConfiguration.Audience)).toContain('PagesClient');
    // Only the commands and queries roles read the ticket key.
    const readers = Object.entries(api.findResources('AWS::IAM::Policy'))
      .filter(([, policy]) =>
        (policy.Properties.PolicyDocument.Statement as Statement[]).some((st) =>
          [st.Action].flat().includes('secretsmanager:GetSecretValue'),
        ),
      )
      .map(([id]) => id.replace(/Role.*$/, ''))
      .sort();
    expect(readers).toEqual(['Commands', 'Queries']);
  });

  it('takes a custom domain for the pages when the stage names one', () => {
    const app = new App({
      context: {
        'aws:cdk:bundling-stacks': [],
        ledger: {
          publicUrl: 'https://check-in.example.org',
          identity: { kind: 'cognito', loginDomainPrefix: 'venus-ledger' },
        },
      },
    });
    const { stateful, stateless } = buildApp(app);
    Template.fromStack(stateful).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'venus-ledger',
    });
    const pages = Template.fromStack(stateless);
    pages.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://check-in.example.org/signed-in'],
    });
    const queries = Object.entries(pages.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('Queries'),
    )![1];
    expect(queries.Properties.Environment.Variables.PUBLIC_URL).toBe('https://check-in.example.org');
    expect(JSON.stringify(queries.Properties.Environment.Variables.PAGES_SIGN_IN)).toContain(
      'https://venus-ledger.auth.ap-southeast-1.amazoncognito.com/oauth2/token',
    );
  });

  it('throttles the API and writes access logs; CORS allows only the configured origins', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      }),
    });
  });

  it('makes the Cognito groups the roles, requires MFA, and adds the community claim through a v2 trigger', () => {
    const groups = Object.values(data.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...roles].sort());
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'ESSENTIALS',
      LambdaConfig: {
        PreTokenGenerationConfig: { LambdaArn: Match.anyValue(), LambdaVersion: 'V2_0' },
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'community', AttributeDataType: 'String' })]),
    });
    // Users cannot write their own community: the client's writable attributes leave it out.
    const client = Object.values(data.findResources('AWS::Cognito::UserPoolClient'))[0]!;
    expect(client.Properties.WriteAttributes).not.toContain('custom:community');
  });

  it('deploys every function the local runtime runs, on Node.js 22, arm64, with tracing and its own log group', () => {
    const deployed = Object.values(api.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.LEDGER_FUNCTION,
    );
    expect(deployed.map((f) => f.Properties.Environment.Variables.LEDGER_FUNCTION).sort()).toEqual(
      Object.keys(ledgerFunctions).sort(),
    );
    for (const f of deployed) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect(f.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'community-culture-ledger',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
    // The HTTP functions stop before API Gateway's 30 s; the scheduled ones may take minutes.
    const byName = Object.fromEntries(
      deployed.map((f) => [f.Properties.Environment.Variables.LEDGER_FUNCTION, f]),
    );
    expect(byName.commands!.Properties.Timeout).toBe(29);
    expect(byName.mailer!.Properties.Timeout).toBe(300);
    // No function's role carries a managed policy (AWSLambdaBasicExecutionRole included).
    for (const role of Object.values(api.findResources('AWS::IAM::Role')))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('maps the Events stream to the projector and the publisher with partial failures, bisecting, bounded retries and an on-failure queue', () => {
    const queues = api.findResources('AWS::SQS::Queue');
    const streamFailures = Object.keys(queues).find((id) => id.startsWith('StreamFailures'))!;
    const mappings = Object.values(api.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m) => m.Properties.StartingPosition,
    );
    expect(mappings.map((m) => JSON.stringify(m.Properties.FunctionName)).sort()).toEqual([
      expect.stringContaining('Projector'),
      expect.stringContaining('Publisher'),
    ]);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: 86_400,
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [streamFailures, 'Arn'] } } },
      });
    }
  });

  it('routes ResidentPromotedFromWaitlist from the bus to the notifications queue, which only the mailer consumes', () => {
    const rules = Object.values(api.findResources('AWS::Events::Rule')).map((r) => r.Properties);
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule.EventPattern).toEqual({
      source: ['community-culture-ledger'],
      'detail-type': ['ResidentPromotedFromWaitlist'],
    });
    const queues = Object.keys(api.findResources('AWS::SQS::Queue'));
    const notifications = queues.find((id) => id.startsWith('NotificationsUnits'))!;
    const deadLetters = queues.find((id) => id.startsWith('NotificationsDeadLetters'))!;
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [notifications, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLetters, 'Arn'] } },
      }),
    ]);
    // No input transformer: the whole event is the message, as the local stand-in delivers it.
    expect(rule.Targets[0].InputTransformer).toBeUndefined();
    const consumers = Object.values(api.findResources('AWS::Lambda::EventSourceMapping'))
      .filter((m) => JSON.stringify(m.Properties.EventSourceArn).includes(notifications))
      .map((m) => JSON.stringify(m.Properties.FunctionName));
    expect(consumers).toEqual([expect.stringContaining('Mailer')]);
    // The scheduler queues its own units only: it cannot forge a notice.
    const schedulerSends = Object.values(api.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p).includes('sqs:SendMessage') && JSON.stringify(p).includes('Scheduler'))
      .map((p) => JSON.stringify(p.Properties.PolicyDocument));
    expect(schedulerSends.length).toBeGreaterThan(0);
    for (const policy of schedulerSends) expect(policy).not.toContain(notifications);
  });

  it('schedules the reports hourly around the 1st and the digests daily, in UTC, through the scheduler function, retried and dead-lettered', () => {
    const schedules = Object.values(api.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    expect(schedules.map((s) => [s.ScheduleExpression, JSON.parse(s.Target.Input)]).sort()).toEqual([
      ['cron(0 * 1 * ? *)', { work: 'reports', time: '<aws.scheduler.scheduled-time>' }],
      ['cron(0 * L * ? *)', { work: 'reports', time: '<aws.scheduler.scheduled-time>' }],
      ['cron(5 0 * * ? *)', { work: 'digests', time: '<aws.scheduler.scheduled-time>' }],
    ]);
    const deadLetters = Object.keys(api.findResources('AWS::SQS::Queue')).find((id) =>
      id.startsWith('ScheduleDeadLetters'),
    );
    for (const schedule of schedules) {
      expect(schedule.ScheduleExpressionTimezone).toBe('UTC');
      expect(JSON.stringify(schedule.Target.Arn)).toContain('Scheduler');
      expect(schedule.Target.RetryPolicy).toEqual({
        MaximumRetryAttempts: 5,
        MaximumEventAgeInSeconds: 3600,
      });
      expect(schedule.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [deadLetters, 'Arn'] } });
    }
  });

  it('grants each function exactly what it needs: only the projector writes views, queries write nothing but ledger marks, only the mailer sends email', () => {
    // `append`: PutItem and reads, never UpdateItem, DeleteItem or BatchWriteItem on history.
    const expected: Record<string, Record<string, 'read' | 'append' | 'read-write'>> = {
      Commands: { Events: 'append', Idempotency: 'read-write', Views: 'read' },
      Queries: { Events: 'read', Views: 'read', Idempotency: 'read' },
      Projector: { Events: 'read', Views: 'read-write' },
      Publisher: {},
      // Both append only where their own items live (below), never where another stream's events are.
      Mailer: { Events: 'read', Views: 'read' },
      Digests: { Events: 'read' },
      Printer: {},
      Scheduler: { Views: 'read' },
    };
    for (const [fn, tables] of Object.entries(expected)) {
      const grants = grantsOf(api, fn);
      const tableAccess = Object.fromEntries(
        ['Events', 'Views', 'Idempotency']
          .filter((table) => grants[table])
          .map((table) => [
            table,
            grants[table]!.some((a) => /UpdateItem|DeleteItem|BatchWriteItem/.test(a))
              ? 'read-write'
              : grants[table]!.includes('dynamodb:PutItem')
                ? 'append'
                : 'read',
          ]),
      );
      expect(tableAccess, fn).toEqual(tables);
      // No wildcard index: each statement names the indexes the code queries.
      expect(JSON.stringify(grants), fn).not.toContain('index/*');
      const sends = Object.values(grants)
        .flat()
        .filter((a) => a.startsWith('ses:'));
      expect(sends.length > 0, `${fn} sends email`).toBe(fn === 'Mailer');
    }
    expect(grantsOf(api, 'Mailer').Ses).toEqual(['ses:SendEmail']);
    expect(grantsOf(api, 'Mailer')['Events if *#report#*,$community#*,$ledger-mark#*']).toEqual([
      'dynamodb:PutItem',
    ]);
    // A report that read commits too recent to have settled keeps its ledger mark, in its own partition.
    expect(grantsOf(api, 'Queries')['Events if $ledger-mark#*']).toEqual(['dynamodb:PutItem']);
    expect(grantsOf(api, 'Digests')['Events if $digest#*']).toEqual(['dynamodb:PutItem']);
    // An index is only ever queried, and no function may Scan a table.
    const everything = Object.values(api.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => JSON.stringify(s)),
    );
    for (const statement of everything.filter((s) => s.includes('/index/')))
      expect(JSON.parse(statement).Action, statement).toBe('dynamodb:Query');
    expect(everything.some((s) => s.includes('dynamodb:Scan'))).toBe(false);
    // Erasure destroys a resident's key ring: the only deletes in the Events table, held to its partitions.
    expect(grantsOf(api, 'Commands')['Events if $key#*']).toEqual(['dynamodb:DeleteItem']);
    expect(grantsOf(api, 'Commands').Mailer).toEqual(['lambda:InvokeFunction']);
    expect(grantsOf(api, 'Commands').PersonalDataKey).toEqual(['kms:GenerateDataKey']);
    expect(grantsOf(api, 'Projector').PersonalDataKey).toEqual(['kms:Decrypt']);
    expect(grantsOf(api, 'Queries').PersonalDataKey).toBeUndefined();
    expect(grantsOf(api, 'Publisher').Bus).toEqual(['events:PutEvents']);
    expect(grantsOf(api, 'Publisher').Events).toBeUndefined();
  });

  it('lets the queries function, and no other, invoke the printer; the printer itself may touch nothing but its logs', () => {
    // Every statement of every role that names the printer function (not its log group), whoever holds it.
    const onPrinter = Object.entries(api.findResources('AWS::IAM::Policy')).flatMap(([id, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((s) => /"Printer[0-9A-F]{8}"/.test(JSON.stringify(s.Resource)))
        .map((s) => ({ role: id.replace(/Role.*$/, ''), actions: [s.Action].flat() })),
    );
    expect(onPrinter).toEqual([{ role: 'Queries', actions: ['lambda:InvokeFunction'] }]);
    // The printer's own role: X-Ray's two actions (which take no resource) and its own log group.
    const printerGrants = Object.entries(api.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('PrinterRole'))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
    for (const statement of printerGrants) {
      const resource = JSON.stringify(statement.Resource);
      if (resource === '"*"')
        expect([statement.Action].flat().every((a) => a.startsWith('xray:'))).toBe(true);
      else expect(resource).toMatch(/PrinterLogs/);
    }
    // No resource policy lets anything else call it (API Gateway, a schedule).
    const permissions = Object.values(api.findResources('AWS::Lambda::Permission')).map((p) =>
      JSON.stringify(p.Properties.FunctionName),
    );
    expect(permissions.filter((name) => name.includes('Printer'))).toEqual([]);
    // The queries function finds it by name; it runs long enough for a year's ledger, with the font beside it.
    const printer = Object.values(api.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Environment?.Variables?.LEDGER_FUNCTION === 'printer',
    )!;
    expect(printer.Properties).toMatchObject({ MemorySize: 1024, Timeout: 20 });
    expect(Object.keys(printer.Properties.Environment.Variables).sort()).toEqual([
      'LEDGER_FUNCTION',
      'NODE_OPTIONS',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_SERVICE_NAME',
    ]);
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          LEDGER_FUNCTION: 'queries',
          PRINTER_FUNCTION_NAME: { Ref: Match.stringLikeRegexp('^Printer') },
        }),
      },
    });
  });

  it('alarms operators on dead letters, function errors and throttles, stream lag and the API 5xx rate', () => {
    const topic = Object.keys(api.findResources('AWS::SNS::Topic'))[0]!;
    api.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const alarms = Object.values(api.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    const on = (metric: string) => alarms.filter((a) => a.MetricName === metric);
    const dimensionsOf = (metric: string) => on(metric).map((a) => JSON.stringify(a.Dimensions));
    for (const queue of ['ScheduleDeadLetters', 'StreamFailures'])
      expect(
        dimensionsOf('ApproximateNumberOfMessagesVisible').some((d) => d.includes(queue)),
        queue,
      ).toBe(true);
    for (const fn of ['Commands', 'Queries', 'Projector', 'Publisher', 'Mailer', 'Digests', 'Printer']) {
      expect(
        dimensionsOf('Errors').some((d) => d.includes(fn)),
        `${fn} errors`,
      ).toBe(true);
      expect(
        dimensionsOf('Throttles').some((d) => d.includes(fn)),
        `${fn} throttles`,
      ).toBe(true);
    }
    expect(on('IteratorAge').map((a) => a.Threshold)).toEqual([300_000, 300_000]);
    const rate = alarms.find((a) =>
      a.Metrics?.some((m: { Expression?: string }) => m.Expression?.includes('errors / requests')),
    );
    expect(rate).toMatchObject({ Threshold: 5, EvaluationPeriods: 2 });
  });
});

/** Actions a function's role may take, by what they apply to (table, key, bus, queue…). */
function grantsOf(template: Template, fn: string): Record<string, string[]> {
  const labels = [
    'PersonalDataKey',
    'DataKey',
    'Events',
    'Views',
    'Idempotency',
    'Bus',
    'Sender',
    'Mailer',
    'Digests',
    'StreamFailures',
    'ScheduleDeadLetters',
    'Logs',
  ];
  const out: Record<string, string[]> = {};
  for (const [id, policy] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
    if (!id.startsWith(`${fn}Role`)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
      const text = JSON.stringify(statement.Resource);
      const condition = (statement as { Condition?: Record<string, Record<string, string[]>> }).Condition;
      const base =
        text === '"*"'
          ? '*'
          : /StreamArn/.test(text)
            ? 'EventsStream'
            : /:ses:/.test(text)
              ? 'Ses'
              : (labels.find((l) => text.includes(l)) ?? text);
      const leading = condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      const label = leading ? `${base} if ${leading.join(',')}` : base;
      out[label] = [...new Set([...(out[label] ?? []), ...[statement.Action].flat()])];
    }
  }
  return out;
}

describe('stage configuration', () => {
  const synthStage = (context: Record<string, unknown>) =>
    buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } }));

  const prodValues = {
    allowedOrigins: ['https://ledger.venus-community.cn'],
    mail: { kind: 'ses', domain: 'venus-community.cn', from: 'reports@venus-community.cn' },
  };

  it('takes a stage by name and lets context override single values', () => {
    const { config, stateless } = synthStage({
      stage: 'prod',
      ledger: JSON.stringify({ ...prodValues, timeZone: 'Asia/Urumqi' }),
    });
    expect(config).toMatchObject({ stage: 'prod', ...prodValues, timeZone: 'Asia/Urumqi' });
    expect(stateless.stackName).toBe('Ledger-prod-Api');
  });

  it('names no real domain in the repository: prod needs its values from context, and deploying refuses placeholders', () => {
    expect(() => synthStage({ stage: 'prod' })).toThrow(/stage "prod" is not valid: allowedOrigins: .*mail/);
    const placeholders = {
      ...prodValues,
      mail: { kind: 'ses', domain: 'example.org', from: 'r@example.org' },
    };
    expect(() => synthStage({ stage: 'prod', ledger: placeholders })).toThrow(
      /mail\.from: "example\.org" is a placeholder/,
    );
    // The dev stage may name example.org to be synthesized, never to be deployed.
    expect(() => synthStage({ stage: 'dev' })).not.toThrow();
    expect(() => synthStage({ stage: 'dev', deploying: 'true' })).toThrow(
      /mail\.domain: "example\.org" is a placeholder/,
    );
  });

  it('stops synthesis with the field that is wrong', () => {
    expect(() => synthStage({ stage: 'staging' })).toThrow(/unknown stage "staging".*dev, prod/);
    expect(() => synthStage({ ledger: { timeZone: 'Mars/Olympus' } })).toThrow(
      /timeZone: not an IANA time zone/,
    );
    expect(() => synthStage({ ledger: { allowedOrigins: ['*'] } })).toThrow(/allowedOrigins/);
  });
});

describe('cdk-nag AwsSolutionsChecks on the whole app', () => {
  it('passes with every finding acknowledged for a written reason, on named constructs only', () => {
    const app = new App({
      context: { 'aws:cdk:bundling-stacks': [] },
      outdir: mkdtempSync(join(tmpdir(), 'ccl-nag-')),
    });
    const built = buildApp(app);
    expect(() => app.synth()).not.toThrow();
    for (const acknowledgement of nagAcknowledgements) {
      expect(acknowledgement.reason.length, acknowledgement.id).toBeGreaterThan(80);
      expect(acknowledgement.on(built).length, acknowledgement.id).toBeGreaterThan(0);
    }
  });

  it('fails synthesis on a new finding nobody acknowledged', () => {
    const app = new App({
      context: { 'aws:cdk:bundling-stacks': [] },
      outdir: mkdtempSync(join(tmpdir(), 'ccl-nag-')),
    });
    const { stateless } = buildApp(app);
    new Queue(stateless, 'Careless', { encryption: QueueEncryption.UNENCRYPTED });
    const report = (() => {
      try {
        app.synth();
        return 'synthesised';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(report).toMatch(/AwsSolutions-SQS4/);
    expect(report).toContain('Ledger-dev-Api/Careless/Resource');
    // Only the careless queue fails: every other finding stays acknowledged.
    expect(
      report
        .match(/Ledger-dev-[A-Za-z]+\/[^\s]+/g)!
        .every((path) => path.startsWith('Ledger-dev-Api/Careless/')),
    ).toBe(true);
  });
});
