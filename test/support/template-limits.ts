import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template as Assertions } from 'aws-cdk-lib/assertions';

export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string }>;
  Outputs?: Record<string, { Value: unknown; Export?: unknown }>;
  Parameters?: Record<string, unknown>;
}

export const Template = { of: (stack: Stack) => Assertions.fromStack(stack).toJSON() as Template };

/** Every `*.template.json` of a cloud assembly, by file name. */
export function templatesOf(dir: string): Record<string, Template> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Template]),
  );
}

/**
 * A value as it will be once deployed, at its longest: the longest partition and a China region,
 * names at their maximum length, so a size computed from it is an upper bound.
 */
function longest(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(longest).join(',');
  const node = value as Record<string, unknown>;
  if ('Ref' in node) {
    const ref = node.Ref as string;
    if (ref === 'AWS::Partition') return 'aws-us-gov';
    if (ref === 'AWS::Region') return 'cn-northwest-1';
    if (ref === 'AWS::AccountId') return '123456789012';
    return 'x'.repeat(64);
  }
  if ('Fn::GetAtt' in node)
    return `arn:aws-us-gov:lambda:cn-northwest-1:123456789012:function:${'x'.repeat(64)}`;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(longest).join(separator);
  }
  return JSON.stringify(node);
}

/**
 * The bytes of each function's resource policy once every `AWS::Lambda::Permission` naming it is a
 * statement in it (Lambda's limit is 20,480), by the function's reference.
 */
export function lambdaPolicyBytes(template: Template): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Permission') continue;
    const p = resource.Properties!;
    const statement = {
      Sid: `${id}${'x'.repeat(20)}`,
      Effect: 'Allow',
      Principal: { Service: p.Principal },
      Action: p.Action,
      Resource: longest(p.FunctionName),
      ...(p.SourceArn ? { Condition: { ArnLike: { 'AWS:SourceArn': longest(p.SourceArn) } } } : {}),
    };
    const fn = JSON.stringify(p.FunctionName);
    out[fn] =
      (out[fn] ?? '{"Version":"2012-10-17","Id":"default","Statement":[]}'.length) +
      JSON.stringify(statement).length +
      1;
  }
  return out;
}

const REWRITES = /^(dynamodb:(\*|UpdateItem|DeleteItem|BatchWriteItem|PartiQLUpdate|PartiQLDelete)|\*)$/;

/**
 * Statements that let a role change or remove items of the Events table other than a resident's
 * key ring (a DeleteItem held by `dynamodb:LeadingKeys` to `$key#…` partitions).
 */
export function writersOfHistory(template: Template): string[] {
  const found: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const document = resource.Properties!.PolicyDocument as {
      Statement: {
        Action: string | string[];
        Resource: unknown;
        Condition?: Record<string, Record<string, string[]>>;
      }[];
    };
    for (const statement of document.Statement) {
      if (!JSON.stringify(statement.Resource).includes('EventsTableArn')) continue;
      const leading = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
      const keyRingOnly = leading?.every((prefix) => prefix.startsWith('$key#')) ?? false;
      for (const action of [statement.Action].flat())
        if (REWRITES.test(action) && !(action === 'dynamodb:DeleteItem' && keyRingOnly))
          found.push(`${id}: ${action}`);
    }
  }
  return found;
}
