import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { type AwsCallRecord, simulatedAccount } from '../../infra/local/aws-call-log.js';
import type { SynthesizedAccount } from './synthesized-roles.js';

/**
 * Every recorded AWS call, evaluated against its function's synthesized role with
 * @cloud-copilot/iam-simulate (identity policies of the role; for KMS, the key's policy too),
 * and the grants no call used.
 */
export interface EvaluatedRequest {
  readonly fn: string;
  readonly action: string;
  readonly resource: string;
  readonly leadingKeys?: readonly string[];
  /** Why a request no code makes is evaluated: DynamoDB using the table's key for the caller. */
  readonly implied?: string;
}

export interface Verdict extends EvaluatedRequest {
  readonly result: string;
}

export interface Grant {
  readonly fn: string;
  readonly action: string;
  readonly resource: string;
  /** Who uses it when no code of ours does (Lambda itself, for logs, traces, event sources, dead letters). */
  readonly usedBy?: string;
}

export interface SimulationReport {
  readonly verdicts: readonly Verdict[];
  readonly denied: readonly Verdict[];
  readonly unused: readonly Grant[];
}

export function readCallRecords(dir: string): AwsCallRecord[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ndjson'))
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AwsCallRecord),
    );
}

/** Distinct requests: one per (function, action, resource, partition keys). */
export function distinctRequests(records: readonly AwsCallRecord[]): EvaluatedRequest[] {
  const byKey = new Map<string, EvaluatedRequest>();
  for (const record of records)
    for (const request of record.requests) {
      const leadingKeys = request.leadingKeys?.length ? [...request.leadingKeys].sort() : undefined;
      const evaluated = { fn: record.fn, action: request.action, resource: request.resource, leadingKeys };
      byKey.set(JSON.stringify(evaluated), evaluated);
    }
  return [...byKey.values()];
}

/**
 * DynamoDB decrypts a table's key with the caller's permissions (kms:Decrypt through
 * kms:ViaService) when the caller reads or writes a table encrypted with a customer managed key.
 */
function tableKeyUses(requests: readonly EvaluatedRequest[], tableKeyArn: string): EvaluatedRequest[] {
  const callers = new Set(requests.filter((r) => r.action.startsWith('dynamodb:')).map((r) => r.fn));
  return [...callers].map((fn) => ({
    fn,
    action: 'kms:Decrypt',
    resource: tableKeyArn,
    implied: 'DynamoDB decrypts the table key for the caller',
  }));
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

/**
 * Grants the Lambda service uses through the function's role, which no SDK call of ours makes:
 * logs and traces, the stream and queue event source mappings (a queue the role may receive from),
 * on-failure destinations and dead-letter queues; and invoking another function, which the local
 * runtime does in process (moto's Lambda needs Docker).
 */
function usedOutsideTheCode(
  action: string,
  resource: string,
  receives: ReadonlySet<string>,
): string | undefined {
  if (/^(logs|xray):/.test(action)) return 'Lambda: logs and traces';
  if (/^dynamodb:(ListStreams|DescribeStream|GetRecords|GetShardIterator)$/.test(action))
    return 'Lambda: the stream event source mapping';
  if (/^sqs:/.test(action) && receives.has(resource)) return 'Lambda: the queue event source mapping';
  if (/^sqs:/.test(action) && /(DeadLetters|Failures)/.test(resource))
    return 'Lambda: on-failure destination / dead-letter queue';
  if (action === 'lambda:InvokeFunction')
    return 'not exercised: invoked in process locally, moto needs Docker';
  return undefined;
}

export async function simulate(
  account: SynthesizedAccount,
  requests: readonly EvaluatedRequest[],
): Promise<SimulationReport> {
  const all = [...requests, ...tableKeyUses(requests, account.handoff.DataKeyArn)];
  const used = new Set<string>();
  const verdicts: Verdict[] = [];
  for (const request of all) {
    const role = account.roles[request.fn];
    if (!role) throw new Error(`no role in the template for the function ${request.fn}`);
    const contextVariables: Record<string, string | string[]> = {};
    if (request.leadingKeys?.length) contextVariables['dynamodb:LeadingKeys'] = [...request.leadingKeys];
    if (request.implied) {
      contextVariables['kms:ViaService'] = `dynamodb.${simulatedAccount.region}.amazonaws.com`;
      contextVariables['kms:CallerAccount'] = simulatedAccount.account;
    }
    const keyPolicy = request.action.startsWith('kms:') ? account.keyPolicies[request.resource] : undefined;
    if (request.action.startsWith('kms:') && !keyPolicy)
      throw new Error(`no key policy for ${request.resource}: is it a key of the stateful stack?`);
    const answer = await runSimulation(
      {
        request: {
          principal: role.roleArn,
          action: request.action,
          resource: { resource: request.resource, accountId: simulatedAccount.account },
          contextVariables,
        },
        identityPolicies: role.policies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(keyPolicy ? { resourcePolicy: keyPolicy } : {}),
      },
      {},
    );
    if (answer.resultType === 'error')
      throw new Error(`simulation refused ${JSON.stringify(request)}: ${JSON.stringify(answer.errors)}`);
    if (answer.resultType !== 'single') throw new Error(`a wildcard result for ${JSON.stringify(request)}`);
    verdicts.push({ ...request, result: answer.overallResult });
    for (const { explain } of answer.result.analysis?.identityAnalysis?.allowStatements ?? []) {
      const matching = <T extends { matches: boolean }>(items: T | T[] | undefined) =>
        (Array.isArray(items) ? items : items ? [items] : []).filter((item) => item.matches);
      for (const { action } of matching(explain.actions))
        for (const { resource } of matching(explain.resources))
          used.add(JSON.stringify([request.fn, action, resource]));
    }
  }
  return {
    verdicts,
    denied: verdicts.filter((v) => v.result !== 'Allowed'),
    unused: unusedGrants(account, used),
  };
}

function unusedGrants(account: SynthesizedAccount, used: ReadonlySet<string>): Grant[] {
  const unused = new Map<string, Grant>();
  for (const [fn, role] of Object.entries(account.roles)) {
    const statements = role.policies
      .flatMap(({ policy }) => policy.Statement)
      .filter((s) => s.Effect === 'Allow');
    const receives = new Set(
      statements
        .filter((s) => list(s.Action).includes('sqs:ReceiveMessage'))
        .flatMap((s) => list(s.Resource)),
    );
    for (const statement of statements)
      for (const action of list(statement.Action))
        for (const resource of list(statement.Resource)) {
          const key = JSON.stringify([fn, action, resource]);
          if (used.has(key)) continue;
          const usedBy = usedOutsideTheCode(action, resource, receives);
          unused.set(key, { fn, action, resource, ...(usedBy ? { usedBy } : {}) });
        }
  }
  return [...unused.values()];
}

/**
 * What no recorded call used (printed, not failed on): the code's own grants one line per function
 * and resource with the actions unused on it, then a count of those only Lambda itself uses.
 */
export function describeUnused(unused: readonly Grant[]): string {
  const byResource = new Map<string, string[]>();
  for (const g of unused.filter((g) => !g.usedBy)) {
    const key = `  ${g.fn.padEnd(10)} ${g.resource.replace(/^arn:aws:[^:]+:[^:]*:\d*:/, '')}`;
    byResource.set(key, [...(byResource.get(key) ?? []), g.action]);
  }
  const outside = new Map<string, number>();
  for (const g of unused.filter((g) => g.usedBy)) outside.set(g.usedBy!, (outside.get(g.usedBy!) ?? 0) + 1);
  return [
    ...[...byResource].map(([key, actions]) => `${key}: ${actions.join(', ')}`),
    ...[...outside].map(([why, count]) => `  (${count} grants used outside the code — ${why})`),
  ].join('\n');
}

/** What each function used: action and resource, with the kinds of partition its item calls named. */
export function describeUsed(verdicts: readonly Verdict[]): string {
  const kinds = new Map<string, Set<string>>();
  for (const v of verdicts) {
    const key = `  ${v.fn.padEnd(10)} ${v.action.padEnd(22)} ${v.resource.replace(/^arn:aws:[^:]+:[^:]*:\d*:/, '')}`;
    const seen = kinds.get(key) ?? new Set<string>();
    // `$key#demo#R1` → `$key#…`; `demo#resident#01J…` → `…#resident#…`; anything else → `…`.
    for (const k of v.leadingKeys ?? []) {
      const [first = '', second = ''] = k.split('#');
      seen.add(first.startsWith('$') ? `${first}#…` : /^\$?[a-z]+$/i.test(second) ? `…#${second}#…` : '…');
    }
    kinds.set(key, seen);
  }
  return [...kinds]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, seen]) => (seen.size ? `${key}  [${[...seen].sort().join(' ')}]` : key))
    .join('\n');
}
