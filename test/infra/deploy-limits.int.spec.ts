import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { skipWithout } from '../support/outside-tools.js';
import { lambdaPolicyBytes, Template, templatesOf, writersOfHistory } from '../support/template-limits.js';

const prodValues = {
  allowedOrigins: ['https://ledger.venus-community.cn'],
  mail: { kind: 'ses', domain: 'venus-community.cn', from: 'reports@venus-community.cn' },
};
const stages = { dev: {}, prod: { ledger: prodValues }, cn: {} } as const;

/** Synthesizes a stage (no bundling) into its own folder; the templates as CloudFormation gets them. */
function synth(stage: keyof typeof stages): { dir: string; templates: Record<string, Template> } {
  const dir = mkdtempSync(join(tmpdir(), `ccl-${stage}-`));
  const app = new App({ outdir: dir, context: { 'aws:cdk:bundling-stacks': [], stage, ...stages[stage] } });
  buildApp(app);
  app.synth();
  return { dir, templates: templatesOf(dir) };
}

describe('deploy-time limits, on every stage', () => {
  const synthesized = {} as Record<keyof typeof stages, ReturnType<typeof synth>>;
  beforeAll(() => {
    for (const stage of Object.keys(stages) as (keyof typeof stages)[]) synthesized[stage] = synth(stage);
  });

  it('keeps every Lambda resource policy under a quarter of its 20,480 bytes (one API permission per function)', () => {
    for (const { templates } of Object.values(synthesized))
      for (const [name, template] of Object.entries(templates))
        for (const [fn, bytes] of Object.entries(lambdaPolicyBytes(template)))
          expect(bytes, `${name} ${fn}`).toBeLessThan(20_480 / 4);
  });

  it('fails for a function with one route-scoped permission per route, as the API had (47 routes)', () => {
    const stack = new Stack(new App(), 'Routes', {
      env: { region: 'ap-southeast-1', account: '123456789012' },
    });
    const fn = new LambdaFunction(stack, 'Fn', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler=()=>{}'),
    });
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpLambdaIntegration('Integration', fn);
    for (let i = 0; i < 47; i++)
      api.addRoutes({ path: `/activities/{id}/route-number-${i}`, methods: [HttpMethod.POST], integration });
    const bytes = Object.values(lambdaPolicyBytes(Template.of(stack)));
    expect(Math.max(...bytes)).toBeGreaterThan(20_480);
  });

  it('stays within CloudFormation limits: resources, outputs, parameters, template size; no exports between stacks', () => {
    for (const { templates } of Object.values(synthesized))
      for (const [name, template] of Object.entries(templates)) {
        const text = JSON.stringify(template);
        // 500 resources a stack: keep a fifth of it for what comes next.
        expect(Object.keys(template.Resources).length, name).toBeLessThan(400);
        expect(Object.keys(template.Outputs ?? {}).length, name).toBeLessThan(200);
        expect(Object.keys(template.Parameters ?? {}).length, name).toBeLessThan(200);
        expect(text.length, name).toBeLessThan(1_000_000);
        // The stateless stack reads SSM parameters: nothing an export could block.
        expect(text, name).not.toContain('Fn::ImportValue');
        expect(
          Object.values(template.Outputs ?? {}).some((o) => 'Export' in o),
          name,
        ).toBe(false);
      }
  });

  it('builds every ARN with AWS::Partition: no literal arn:aws: in any stage', () => {
    for (const { templates } of Object.values(synthesized))
      for (const [name, template] of Object.entries(templates))
        expect(JSON.stringify(template), name).not.toMatch(/arn:aws[:-]/);
  });

  it('lets no role rewrite history: no UpdateItem, BatchWriteItem or unconditioned DeleteItem on the Events table', () => {
    for (const { templates } of Object.values(synthesized)) {
      const api = Object.entries(templates).find(([name]) => name.endsWith('-Api.template.json'))![1];
      expect(writersOfHistory(api)).toEqual([]);
      // The check sees a role that could.
      const planted = structuredClone(api);
      const policy = Object.values(planted.Resources).find((r) => r.Type === 'AWS::IAM::Policy')!;
      (policy.Properties!.PolicyDocument as { Statement: unknown[] }).Statement.push({
        Effect: 'Allow',
        Action: 'dynamodb:UpdateItem',
        Resource: { Ref: Object.keys(planted.Parameters!).find((p) => p.includes('EventsTableArn')) },
      });
      expect(writersOfHistory(planted).length).toBe(1);
    }
  });

  it('puts the cn stage in cn-northwest-1 with no Cognito user pool and no SES resource', () => {
    const manifest = readFileSync(join(synthesized.cn.dir, 'manifest.json'), 'utf8');
    expect(manifest).toContain('aws://unknown-account/cn-northwest-1');
    const types = Object.values(synthesized.cn.templates).flatMap((t) =>
      Object.values(t.Resources).map((r) => r.Type),
    );
    expect(types.filter((t) => t.startsWith('AWS::Cognito::') || t.startsWith('AWS::SES::'))).toEqual([]);
    const authorizer = Object.values(synthesized.cn.templates['Ledger-cn-Api.template.json']!.Resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Authorizer',
    )!;
    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT' });
  });

  it.skipIf(skipWithout('cfn-lint', 'linting the synthesized templates'))(
    'passes cfn-lint with 0 errors and 0 warnings; the cn stage against cn-northwest-1 (every resource type offered there)',
    () => {
      const lint = (dir: string, regions: string) =>
        spawnSync('cfn-lint', ['--regions', regions, '--', join(dir, '*.template.json')], {
          encoding: 'utf8',
        });
      for (const [stage, { dir }] of Object.entries(synthesized)) {
        const result = lint(dir, stage === 'cn' ? 'cn-northwest-1' : 'ap-southeast-1');
        expect(`${result.stdout}${result.stderr}`, stage).toBe('');
        expect(result.status, stage).toBe(0);
      }
      // The check has teeth: the dev stage's Cognito and SES do not exist in the China regions.
      const wrong = lint(synthesized.dev.dir, 'cn-northwest-1');
      expect(wrong.stdout).toMatch(
        /E3006 Resource type 'AWS::Cognito::UserPool' does not exist in 'cn-northwest-1'/,
      );
    },
    // Four cfn-lint runs: about 18 s on a quiet machine, over 30 s under load.
    120_000,
  );
});
