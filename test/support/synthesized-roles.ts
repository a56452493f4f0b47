import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.js';
import { simulatedAccount } from '../../infra/local/aws-call-log.js';
import { type HandoffValue, handoffValues } from '../../infra/stacks/handoff.js';

/**
 * The synthesized templates resolved into one concrete account (123456789012, ap-southeast-1): each
 * function's role with its policies, and the KMS keys' policies. The stateless stack reads the
 * stateful stack's ARNs from SSM parameters; each is resolved to the ARN of the resource the
 * stateful stack publishes under that name, with the names the local runtime uses (table/Events,
 * key/PersonalDataKey, event-bus/<its Name>). Other resources are named after their logical id.
 */
/** CloudFormation JSON, read by path; the code reading each value checks what it needs. */
// biome-ignore lint/suspicious/noExplicitAny: template JSON is looked into by name, not typed in full
export type CfnValue = any;

export type TemplateJson = {
  Parameters?: Record<string, { Default?: string }>;
  Resources: Record<string, { Type: string; Properties?: Record<string, CfnValue> }>;
};

export interface PolicyDocument {
  Version?: string;
  Statement: Record<string, CfnValue>[];
}

export interface FunctionRole {
  readonly roleId: string;
  readonly roleArn: string;
  readonly policies: { name: string; policy: PolicyDocument }[];
}

export interface SynthesizedAccount {
  readonly roles: Readonly<Record<string, FunctionRole>>;
  /** KMS key policies by key ARN: a key's own policy decides together with the caller's. */
  readonly keyPolicies: Readonly<Record<string, PolicyDocument>>;
  readonly handoff: Readonly<Record<HandoffValue, string>>;
}

const { partition, region, account } = simulatedAccount;
const arn = (service: string, resource: string, where: string = region) =>
  `arn:${partition}:${service}:${where}:${account}:${resource}`;
/** `EventsD32975C2` → `Events`: the name a logical id was made from. */
const nameOf = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, '');

export function synthesizedTemplates(): { api: TemplateJson; data: TemplateJson } {
  const { stateful, stateless } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
  return {
    api: Template.fromStack(stateless).toJSON() as TemplateJson,
    data: Template.fromStack(stateful).toJSON() as TemplateJson,
  };
}

/** The ARN `Fn::GetAtt [id, 'Arn']` has once deployed, by the resource's type. */
function arnOfResource(template: TemplateJson, id: string, attribute: string): string {
  const resource = template.Resources[id];
  if (!resource) throw new Error(`GetAtt of a resource the template does not have: ${id}`);
  switch (resource.Type) {
    case 'AWS::Lambda::Function':
      return arn('lambda', `function:${id}`);
    case 'AWS::SQS::Queue':
      return arn('sqs', id);
    case 'AWS::Logs::LogGroup':
      return arn('logs', `log-group:${id}:*`);
    case 'AWS::IAM::Role':
      return arn('iam', `role/${id}`, '');
    case 'AWS::DynamoDB::GlobalTable':
    case 'AWS::DynamoDB::Table':
      return arn('dynamodb', `table/${nameOf(id)}${attribute === 'StreamArn' ? '/stream/local' : ''}`);
    case 'AWS::KMS::Key':
      return arn('kms', `key/${nameOf(id)}`);
    case 'AWS::Events::EventBus':
      return arn('events', `event-bus/${resource.Properties?.Name ?? id}`);
    case 'AWS::Cognito::UserPool':
      return arn('cognito-idp', `userpool/${id}`);
    default:
      throw new Error(`no ARN rule for ${resource.Type} (${id}): add one`);
  }
}

/** Resolves the intrinsic functions CDK writes into policies and environments. */
export function resolver(template: TemplateJson, parameters: Readonly<Record<string, string>> = {}) {
  const resolve = (value: unknown): CfnValue => {
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value);
    const [fn, args] = entries[0] ?? [];
    if (entries.length === 1 && fn === 'Ref') {
      const name = String(args);
      if (name === 'AWS::Partition') return partition;
      if (name === 'AWS::AccountId') return account;
      if (name === 'AWS::Region') return region;
      if (name === 'AWS::URLSuffix') return 'amazonaws.com';
      const parameter = template.Parameters?.[name]?.Default;
      if (parameter !== undefined) {
        const value = parameters[parameter.split('/').pop()!];
        if (value === undefined) throw new Error(`no value for the parameter ${parameter}`);
        return value;
      }
      if (template.Resources[name]?.Type === 'AWS::SQS::Queue')
        return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
      return name;
    }
    if (entries.length === 1 && fn === 'Fn::GetAtt') {
      const [id, attribute] = args as [string, string];
      return arnOfResource(template, id, attribute);
    }
    if (entries.length === 1 && fn === 'Fn::Join') {
      const [separator, parts] = args as [string, unknown[]];
      return (resolve(parts) as string[]).join(separator);
    }
    if (entries.length === 1 && fn === 'Fn::Split') {
      const [separator, source] = args as [string, unknown];
      return String(resolve(source)).split(separator);
    }
    if (entries.length === 1 && fn === 'Fn::Select') {
      const [index, list] = args as [number, unknown];
      return (resolve(list) as unknown[])[Number(index)];
    }
    if (entries.length === 1 && fn?.startsWith('Fn::')) throw new Error(`cannot resolve ${fn}`);
    return Object.fromEntries(entries.map(([key, inner]) => [key, resolve(inner)]));
  };
  return resolve;
}

/**
 * The stateless stack's view of the account: every function's role (found by its `LEDGER_FUNCTION`)
 * with every policy attached to it, and the key policies of the stateful stack's keys.
 * `handoffOverrides` names resources elsewhere (the moto spec's KMS key has moto's id).
 */
export function synthesizedAccount(
  templates: { api: TemplateJson; data: TemplateJson },
  handoffOverrides: Partial<Record<HandoffValue, string>> = {},
): SynthesizedAccount {
  const { api, data } = templates;
  const resolveData = resolver(data);
  const handoff = {} as Record<HandoffValue, string>;
  const keyPolicies: Record<string, PolicyDocument> = {};
  for (const resource of Object.values(data.Resources)) {
    if (resource.Type !== 'AWS::SSM::Parameter') continue;
    const name = String(resource.Properties?.Name).split('/').pop() as HandoffValue;
    if (!handoffValues.includes(name)) continue;
    const value = resource.Properties?.Value;
    handoff[name] = handoffOverrides[name] ?? String(resolveData(value));
    const source = value?.['Fn::GetAtt']?.[0] as string | undefined;
    if (source && data.Resources[source]?.Type === 'AWS::KMS::Key')
      keyPolicies[handoff[name]] = resolveData(data.Resources[source]!.Properties!.KeyPolicy);
  }
  const resolveApi = resolver(api, handoff);
  const roles: Record<string, FunctionRole> = {};
  for (const resource of Object.values(api.Resources)) {
    const fn = resource.Properties?.Environment?.Variables?.LEDGER_FUNCTION as string | undefined;
    if (resource.Type !== 'AWS::Lambda::Function' || !fn) continue;
    const roleId = resource.Properties!.Role['Fn::GetAtt'][0] as string;
    const role = api.Resources[roleId]!;
    if (role.Properties?.ManagedPolicyArns?.length)
      throw new Error(`${roleId} has managed policies: their documents are not in the template`);
    const policies = [
      ...(role.Properties?.Policies ?? []).map((p: CfnValue) => ({
        name: p.PolicyName,
        policy: p.PolicyDocument,
      })),
      ...Object.entries(api.Resources)
        .filter(
          ([, r]) =>
            r.Type === 'AWS::IAM::Policy' && r.Properties?.Roles?.some((ref: CfnValue) => ref.Ref === roleId),
        )
        .map(([id, r]) => ({ name: id, policy: r.Properties!.PolicyDocument })),
    ];
    roles[fn] = {
      roleId,
      roleArn: arn('iam', `role/${roleId}`, ''),
      policies: policies.map(({ name, policy }) => ({ name, policy: resolveApi(policy) })),
    };
  }
  return { roles, keyPolicies, handoff };
}
