import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Effect: string; Resource: unknown };

/** What links a user to the ledger: set by administrators only, copied into tokens by the trigger. */
const ADMINISTERED = ['custom:community', 'custom:resident'];

/**
 * The user pool's side of issue 28: the resident a Cognito user is travels in the `resident` claim,
 * which the pre-token-generation trigger (v2, so access tokens carry it) copies from an attribute
 * that no app client may write; the trigger itself may do nothing but log and trace.
 */
describe('the user pool links an account to a resident (issue 28)', () => {
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
    // Synthesizing both stacks takes 40 s on a quiet 2-core machine, over a minute under load.
  }, 180_000);

  const idOf = (template: Template, type: string, pattern: RegExp) =>
    Object.keys(template.findResources(type)).find((id) => pattern.test(id))!;

  it('has a custom resident attribute (a ULID) and the v2 trigger that copies it into the tokens', () => {
    const [pool] = Object.values(data.findResources('AWS::Cognito::UserPool')) as Resource[];
    expect(pool!.Properties.Schema).toEqual(
      expect.arrayContaining([
        {
          Name: 'resident',
          AttributeDataType: 'String',
          Mutable: true,
          StringAttributeConstraints: { MinLength: '26', MaxLength: '26' },
        },
      ]),
    );
    const trigger = idOf(data, 'AWS::Lambda::Function', /^TokenClaims/);
    expect(pool!.Properties.LambdaConfig).toEqual({
      PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [trigger, 'Arn'] }, LambdaVersion: 'V2_0' },
    });
    // Only this pool may invoke it.
    const permissions = Object.values(data.findResources('AWS::Lambda::Permission')).filter((p) =>
      JSON.stringify(p.Properties.FunctionName).includes(trigger),
    ) as Resource[];
    expect(permissions.map((p) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [trigger, 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [idOf(data, 'AWS::Cognito::UserPool', /^Users/), 'Arn'] },
      },
    ]);
  });

  it('lets no app client write the community or the resident: each names its write attributes', () => {
    const clients = [
      ...Object.entries(data.findResources('AWS::Cognito::UserPoolClient')),
      ...Object.entries(api.findResources('AWS::Cognito::UserPoolClient')),
    ] as [string, Resource][];
    expect(clients.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'PagesClient',
      'UsersFrontend',
      'UsersOperators',
    ]);
    for (const [id, client] of clients) {
      // A client without WriteAttributes may write the pool's attributes: none is left without.
      expect(client.Properties.WriteAttributes, id).toEqual(['name']);
      for (const attribute of ADMINISTERED)
        expect(client.Properties.WriteAttributes, id).not.toContain(attribute);
    }
    // The pages' access token cannot call the user's own attribute APIs at all (no admin scope).
    const pages = clients.find(([id]) => id.startsWith('PagesClient'))![1];
    expect(pages.Properties.AllowedOAuthScopes).toEqual(['openid']);
  });

  it('gives the trigger nothing but its log group and tracing (least privilege)', () => {
    const role = idOf(data, 'AWS::IAM::Role', /^TokenClaimsRole/);
    const policies = Object.values(data.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(role),
    ) as Resource[];
    const statements = policies.flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    expect(statements).toEqual([
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [idOf(data, 'AWS::Logs::LogGroup', /^TokenClaimsLogs/), 'Arn'] },
      },
      { Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Effect: 'Allow', Resource: '*' },
    ]);
    expect(data.findResources('AWS::IAM::Role')[role]!.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
