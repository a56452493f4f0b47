import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { grantInvokeOnly } from '../constructs/grants.js';
import type { LedgerFunction } from '../constructs/ledger-function.js';

/**
 * EventBridge Scheduler: the day's digests just after midnight UTC, and the monthly and quarterly
 * reports at 08:00 on the 1st in the community's time zone; retried, then dead-lettered.
 */
export function scheduleReportsAndDigests(
  scope: Construct,
  {
    mailer,
    digests,
    deadLetters,
    timeZone,
  }: { mailer: LedgerFunction; digests: LedgerFunction; deadLetters: Queue; timeZone: string },
): void {
  const schedulerRole = new Role(scope, 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    description: 'EventBridge Scheduler: invoke the mailer and the digests, dead-letter what fails',
  });
  grantInvokeOnly(schedulerRole, mailer);
  grantInvokeOnly(schedulerRole, digests);
  deadLetters.grantSendMessages(schedulerRole);
  const schedule = (
    scheduleId: string,
    description: string,
    expression: string,
    timeZone: string,
    target: LedgerFunction,
    input?: object,
  ) =>
    new CfnSchedule(scope, scheduleId, {
      description,
      scheduleExpression: expression,
      scheduleExpressionTimezone: timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: target.functionArn,
        roleArn: schedulerRole.roleArn,
        input: JSON.stringify({ time: '<aws.scheduler.scheduled-time>', ...input }),
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: deadLetters.queueArn },
      },
    });
  schedule(
    'DailyDigests',
    'Digest of the day just ended, for every community',
    'cron(5 0 * * ? *)',
    'UTC',
    digests,
  );
  schedule(
    'MonthlyReports',
    'Reports of the month just ended, 08:00 community time on the 1st',
    'cron(0 8 1 * ? *)',
    timeZone,
    mailer,
    { periods: ['month'] },
  );
  schedule(
    'QuarterlyReports',
    'Reports of the quarter (and, in January, the year) just ended, 08:00 community time',
    'cron(0 8 1 1,4,7,10 ? *)',
    timeZone,
    mailer,
    { periods: ['quarter', 'year'] },
  );
}
