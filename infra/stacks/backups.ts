import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';

export interface BackupOfTables {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
}

/**
 * Daily AWS Backup of the history (and the residents' key ring that lives beside it) into a vault
 * whose lock forbids deleting a recovery point before its time, even for the account's own admins:
 * PITR (35 days) recovers from a bad write, not from someone deleting the table and its backups.
 * An erased resident's wrapped key survives in these recovery points until they expire
 * (`retentionDays`): the README says so.
 */
export function backUpTables(
  stack: Stack,
  tables: readonly TableV2[],
  retentionDays: number,
): BackupOfTables {
  const key = new Key(stack, 'BackupKey', {
    description: 'Encrypts the ledger backup vault',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const vault = new BackupVault(stack, 'BackupVault', {
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
    lockConfiguration: {
      minRetention: Duration.days(7),
      maxRetention: Duration.days(Math.max(retentionDays, 7)),
      // Three days to undo a mistaken lock; after that the lock is immutable (compliance mode).
      changeableFor: Duration.days(3),
    },
  });
  const plan = new BackupPlan(stack, 'BackupPlan', { backupVault: vault });
  plan.addRule(
    new BackupPlanRule({
      ruleName: 'Daily',
      scheduleExpression: Schedule.cron({ minute: '30', hour: '3' }),
      deleteAfter: Duration.days(retentionDays),
    }),
  );
  plan.addSelection('History', { resources: tables.map((table) => BackupResource.fromArn(table.tableArn)) });
  return { vault, plan };
}
