import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { grantInvokeOnly } from '../constructs/grants.js';
import type { LedgerFunction } from '../constructs/ledger-function.js';
import { schedules } from '../scheduled-work.js';

/**
 * EventBridge Scheduler, in UTC (`infra/scheduled-work.ts`): each run invokes the scheduler function
 * with its scheduled instant and kind of work; retried for an hour, then dead-lettered.
 */
export function scheduleReportsAndDigests(
  scope: Construct,
  { scheduler, deadLetters }: { scheduler: LedgerFunction; deadLetters: Queue },
): void {
  const schedulerRole = new Role(scope, 'EventBridgeSchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    description: 'EventBridge Scheduler: invoke the scheduler function, dead-letter what fails',
  });
  grantInvokeOnly(schedulerRole, scheduler);
  deadLetters.grantSendMessages(schedulerRole);
  for (const { id, work, expression } of schedules)
    new CfnSchedule(scope, id, {
      description: `${work === 'reports' ? 'Leaders reports due at 08:00 on the 1st in each plan zone' : 'Daily digests of the day just ended'}: the scheduler fans the plans registry out into queued units`,
      scheduleExpression: expression,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: scheduler.functionArn,
        roleArn: schedulerRole.roleArn,
        input: JSON.stringify({ work, time: '<aws.scheduler.scheduled-time>' }),
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: deadLetters.queueArn },
      },
    });
}
