import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { TableDesign } from '../tables.js';

const READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * Table access with every action and every index named: CDK's `grantReadData` would add
 * `<table>/index/*`; here each index the code queries is listed by name (from the same table design
 * the local runtime creates), so the policy says exactly what a function can touch.
 */
export function grantTable(
  grantee: IGrantable,
  table: TableV2,
  design: TableDesign,
  key: IKey,
  access: 'read' | 'read-write',
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === 'read' ? READ : [...READ, ...WRITE],
      resources: [table.tableArn, ...design.indexes.map((index) => `${table.tableArn}/index/${index.name}`)],
    }),
  );
  // The tables are encrypted with our key: DynamoDB uses it on the caller's behalf.
  if (access === 'read') key.grantDecrypt(grantee);
  else key.grantEncryptDecrypt(grantee);
}

/** Invoke this function (its unqualified ARN), not every version and alias of it as `grantInvoke` allows. */
export function grantInvokeOnly(grantee: IGrantable, fn: IFunction): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
  );
}
