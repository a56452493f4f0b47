import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { AwsCall, AwsCallRecorder } from '../../functions/adapters/aws-calls.js';
import { allTables, type TableDesign } from '../tables.js';
import { defaultTableNames } from './create-tables.js';

/**
 * Where recorded calls are placed: the account, region and partition the IAM simulation resolves
 * the synthesized template into (test/support/iam-simulation.ts). Locally nothing has an account.
 */
export const simulatedAccount = {
  partition: 'aws',
  region: 'ap-southeast-1',
  account: '123456789012',
} as const;
const arnOf = (service: string, resource: string) =>
  `arn:${simulatedAccount.partition}:${service}:${simulatedAccount.region}:${simulatedAccount.account}:${resource}`;

/** The environment variable that turns recording on: a folder, one NDJSON file per process (and thread). */
export const RECORD_AWS_CALLS = 'LEDGER_RECORD_AWS_CALLS';

/**
 * One recorded call as IAM sees it: `service:Action` on each resource it touches, and for DynamoDB
 * item operations the partition key values the request names (IAM's `dynamodb:LeadingKeys`).
 */
export interface AwsCallRecord {
  readonly fn: string;
  readonly service: string;
  /** The SDK operation (`SendMessageBatch`); `requests` hold the IAM actions it needs. */
  readonly operation: string;
  readonly requests: readonly AuthorizedRequest[];
}

export interface AuthorizedRequest {
  readonly action: string;
  readonly resource: string;
  readonly leadingKeys?: readonly string[];
}

/** The table designs by the names the local runtime gives the tables. */
const designs: ReadonlyMap<string, TableDesign> = new Map(
  allTables.map((design) => [
    defaultTableNames[`${design.logicalName.toUpperCase()}_TABLE` as keyof typeof defaultTableNames],
    design,
  ]),
);

const ITEM_ACTIONS: Readonly<Record<string, string>> = {
  PutItem: 'PutItem',
  GetItem: 'GetItem',
  UpdateItem: 'UpdateItem',
  DeleteItem: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  DescribeTable: 'DescribeTable',
};

/** `{ S: 'x' }` (marshalled) or `'x'` (as the document client's caller wrote it). */
const plain = (value: unknown): string =>
  typeof value === 'object' && value !== null ? String(Object.values(value)[0]) : String(value);

/** The partition key value a Query's key condition names (`#pk = :v` or `pk = :v`), if it can be read. */
function queriedPartition(input: Record<string, unknown>, design: TableDesign): string | undefined {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const match of String(input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    const attribute = names[match[1]!] ?? match[1]!;
    if (attribute === design.partitionKey.name && match[2]! in values) return plain(values[match[2]!]);
  }
  return undefined;
}

function dynamoDbRequests(operation: string, input: Record<string, unknown>): AuthorizedRequest[] {
  const table = (name: string) => arnOf('dynamodb', `table/${name}`);
  const partitionOf = (name: string, item: unknown) => {
    const key = designs.get(name)?.partitionKey.name;
    const value = key ? (item as Record<string, unknown> | undefined)?.[key] : undefined;
    return value === undefined ? [] : [plain(value)];
  };
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const byTable = (input.RequestItems ?? {}) as Record<string, unknown>;
    return Object.entries(byTable).map(([name, asked]) => {
      const items =
        operation === 'BatchGetItem'
          ? ((asked as { Keys?: unknown[] }).Keys ?? [])
          : (asked as { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]).map(
              (request) => request.PutRequest?.Item ?? request.DeleteRequest?.Key,
            );
      return {
        action: `dynamodb:${operation}`,
        resource: table(name),
        leadingKeys: [...new Set(items.flatMap((item) => partitionOf(name, item)))],
      };
    });
  }
  const name = String(input.TableName);
  const index = typeof input.IndexName === 'string' ? `/index/${input.IndexName}` : '';
  const design = designs.get(name);
  const leadingKeys =
    operation === 'Query'
      ? index || !design
        ? undefined
        : [queriedPartition(input, design)].filter((key): key is string => key !== undefined)
      : operation in ITEM_ACTIONS && operation !== 'Scan' && operation !== 'DescribeTable'
        ? partitionOf(name, input.Item ?? input.Key)
        : undefined;
  return [
    {
      action: `dynamodb:${ITEM_ACTIONS[operation] ?? operation}`,
      resource: `${table(name)}${index}`,
      ...(leadingKeys ? { leadingKeys } : {}),
    },
  ];
}

/** The last part of a KMS key id or ARN (`key/<id>` or `<id>`), placed in the simulated account. */
const kmsKey = (keyId: unknown) => arnOf('kms', `key/${String(keyId).split('/').pop()}`);
/** The domain of `Name <user@domain>` or `user@domain`: the SES identity a message is sent as. */
const senderDomain = (from: unknown) => String(from).replace(/.*@/, '').replace(/>.*$/, '');

/** The IAM requests one SDK call needs (SQS's batch send is authorised as `sqs:SendMessage`, and so on). */
export function authorizedRequests(call: AwsCall): AuthorizedRequest[] {
  const { service, action, input, output } = call;
  switch (service) {
    case 'dynamodb':
      return dynamoDbRequests(action, input);
    case 'kms':
      return [{ action: `kms:${action}`, resource: kmsKey(input.KeyId ?? output?.KeyId) }];
    case 'ses':
      return [
        {
          action: `ses:${action}`,
          resource: arnOf('ses', `identity/${senderDomain(input.FromEmailAddress)}`),
        },
        ...(input.ConfigurationSetName
          ? [
              {
                action: `ses:${action}`,
                resource: arnOf('ses', `configuration-set/${input.ConfigurationSetName}`),
              },
            ]
          : []),
      ];
    case 'events': {
      const buses = ((input.Entries ?? []) as { EventBusName?: string }[]).map(
        (e) => e.EventBusName ?? 'default',
      );
      return [...new Set(buses)].map((bus) => ({
        action: `events:${action}`,
        resource: arnOf('events', `event-bus/${bus.split('/').pop()}`),
      }));
    }
    case 'sqs':
      return [
        {
          action: `sqs:${action.replace(/Batch$/, '')}`,
          resource: arnOf('sqs', String(input.QueueUrl).split('/').pop()!),
        },
      ];
    default:
      throw new Error(`no IAM mapping for ${service}:${action}: add one before recording it`);
  }
}

/** A recorder per function name, appending to `<dir>/aws-calls-<pid>[-<thread>].ndjson`. */
export function awsCallLog(dir: string): (fn: string) => AwsCallRecorder {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `aws-calls-${process.pid}${threadId ? `-${threadId}` : ''}.ndjson`);
  return (fn) => (call) => {
    const record: AwsCallRecord = {
      fn,
      service: call.service,
      operation: call.action,
      requests: authorizedRequests(call),
    };
    appendFileSync(file, `${JSON.stringify(record)}\n`);
  };
}

/** The recorders `LEDGER_RECORD_AWS_CALLS=<dir>` asks for, or none. */
export function awsCallLogFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ((fn: string) => AwsCallRecorder) | undefined {
  const dir = env[RECORD_AWS_CALLS];
  return dir ? awsCallLog(dir) : undefined;
}
