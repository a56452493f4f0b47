import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  readonly operatorEmails: readonly string[];
  readonly functions: readonly IFunction[];
  /** Functions on the Events stream: a growing iterator age means views or the bus fall behind. */
  readonly streamConsumers: readonly IFunction[];
  readonly deadLetterQueues: readonly IQueue[];
  readonly api: HttpApi;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What operators are woken for, all on one SNS topic: anything in a dead-letter queue (a report not
 * sent, a batch of history not projected), a function failing or throttled, the stream falling more
 * than five minutes behind, and more than 5 % of API requests answered 5xx.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    // Alarm messages name functions and queues only; encrypted anyway, with a key CloudWatch may use.
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the operators alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Operators', {
      displayName: 'Community Culture Ledger operators',
      masterKey: key,
      enforceSSL: true,
    });
    for (const email of props.operatorEmails) this.topic.addSubscription(new EmailSubscription(email));

    const alarm = (
      alarmId: string,
      description: string,
      metric: IMetric,
      threshold: number,
      evaluationPeriods = 1,
    ) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };

    props.deadLetterQueues.forEach((queue, i) => {
      alarm(
        `DeadLetters${i}`,
        `Messages are waiting in a dead-letter queue (${queue.node.id}): something was not done; see the README's runbook`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        1,
      );
    });
    for (const fn of props.functions) {
      const name = fn.node.id;
      alarm(
        `${name}Errors`,
        `${name} failed at least once in 5 minutes`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
      );
      alarm(
        `${name}Throttles`,
        `${name} was throttled at least once in 5 minutes`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
      );
    }
    for (const fn of props.streamConsumers) {
      alarm(
        `${fn.node.id}IteratorAge`,
        `${fn.node.id} is more than 5 minutes behind the Events stream`,
        fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
        5 * 60 * 1000,
      );
    }
    alarm(
      'Api5xxRate',
      'More than 5 % of API requests answered 5xx, two 5-minute periods in a row',
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: props.api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
        label: '5xx %',
      }),
      5,
      2,
    );
  }
}
