import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { TableDesign } from '../tables.js';

/** What the code reads with: items by key, several at once, and key-range queries (never a Scan). */
const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * How a function may touch a table: `read`; `append` (PutItem only: new commits, snapshots, digests,
 * each guarded by its own condition, so no role can update, delete or batch-overwrite an event);
 * `read-write` (views, idempotency records).
 */
export type TableAccess = 'read' | 'append' | 'read-write';

/**
 * Table access with every action and every index named: CDK's `grantReadData` would add
 * `<table>/index/*`; here each index the code queries is listed by name (from the same table design
 * the local runtime creates), so the policy says exactly what a function can touch.
 */
export function grantTable(
  grantee: IGrantable,
  table: ITableV2,
  design: TableDesign,
  key: IKey,
  access: TableAccess,
): void {
  const actions =
    access === 'read' ? READ : access === 'append' ? [...READ, 'dynamodb:PutItem'] : [...READ, ...WRITE];
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
  // An index is only ever queried: each one the code uses, by name.
  if (design.indexes.length > 0)
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: design.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
      }),
    );
  // The tables are encrypted with our key: DynamoDB uses it on the caller's behalf.
  if (access === 'read') key.grantDecrypt(grantee);
  else key.grantEncryptDecrypt(grantee);
}

/**
 * One action only on items in partitions whose key matches one of `patterns` (IAM StringLike: a
 * resident's key ring `$key#*`, which erasure destroys; the digests' own partitions; report
 * streams): IAM's `dynamodb:LeadingKeys` holds the role to them.
 */
export function grantIn(
  grantee: IGrantable,
  table: ITableV2,
  action: 'dynamodb:DeleteItem' | 'dynamodb:PutItem',
  patterns: readonly string[],
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [action],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } },
    }),
  );
}

/** Invoke this function (its unqualified ARN), not every version and alias of it as `grantInvoke` allows. */
export function grantInvokeOnly(grantee: IGrantable, fn: IFunction): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
  );
}
