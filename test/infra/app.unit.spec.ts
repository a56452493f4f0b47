import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/http/routes/index.js';
import { buildApp } from '../../infra/app.js';

type Statement = { Action: string | string[]; Resource: unknown };

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

  it('routes every entry of the route table, with the JWT authorizer on all but the public docs', () => {
    const found = api.findResources('AWS::ApiGatewayV2::Route');
    const byKey = new Map(Object.values(found).map((r) => [r.Properties.RouteKey as string, r.Properties]));
    for (const route of routes) {
      const props = byKey.get(`${route.method} ${route.path}`);
      expect(props, `${route.method} ${route.path}`).toBeDefined();
      expect(props!.AuthorizationType).toBe(route.kind === 'public' ? 'NONE' : 'JWT');
    }
  });

  it('runs every function on Node.js 22, arm64, ESM, with tracing', () => {
    const functions = Object.values(api.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Runtime !== undefined && String(f.Properties.Handler).startsWith('index.'),
    );
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const f of functions) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('feeds the Events stream to the projector with partial batch failures, bisecting and bounded retries', () => {
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      StartingPosition: 'TRIM_HORIZON',
    });
  });

  it('runs the report mailer on the 1st at 08:00 in the community time zone, with retries and a dead-letter queue', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 1 * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: Match.anyValue(),
      }),
    });
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(5 0 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
    });
    const policies = api.findResources('AWS::IAM::Policy');
    const sends = Object.entries(policies)
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('ses:SendEmail'))
      .map(([id]) => id);
    // The scheduled mailer and the commands function (POST /reports/{planId}/send); never the queries or the projector.
    expect(sends.map((id) => id.replace(/ServiceRole.*$/, '')).sort()).toEqual(['Commands', 'Reports']);
  });

  it('lets only the projector write views, and the query function write nothing', () => {
    const policies = api.findResources('AWS::IAM::Policy');
    const actionsOf = (fragment: string) =>
      Object.entries(policies)
        .filter(([id]) => id.startsWith(fragment))
        .flatMap(([, p]) =>
          (p.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) => [s.Action].flat()),
        );
    const writes = (actions: string[]) =>
      actions.filter((a) => /PutItem|UpdateItem|DeleteItem|BatchWriteItem/.test(a));
    expect(writes(actionsOf('Queries'))).toEqual([]);
    expect(writes(actionsOf('Projector')).length).toBeGreaterThan(0);
    expect(writes(actionsOf('Commands')).length).toBeGreaterThan(0);
    // Commands write only the Events and Idempotency tables: every writing statement names one of them.
    const commandStatements = Object.entries(policies)
      .filter(([id]) => id.startsWith('Commands'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => writes([s.Action].flat()).length > 0);
    expect(JSON.stringify(commandStatements)).not.toMatch(/Views/);
  });
});

describe('CDK bundling (the real esbuild bundles we ship)', () => {
  it('bundles each function into an ESM index.mjs', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ccl-cdk-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
    buildApp(app);
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) expect(existsSync(join(assembly.directory, asset, 'index.mjs'))).toBe(true);
    // The docs page's assets ship with the query function, which serves /docs without a CDN.
    const withDocs = assets.filter((asset) =>
      existsSync(join(assembly.directory, asset, 'swagger-ui', 'swagger-ui-bundle.js')),
    );
    expect(withDocs).toHaveLength(1);
  }, 120_000);
});
