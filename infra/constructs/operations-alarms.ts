import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type RunbookEntry, runbook } from '../runbook.js';
import { encryptedTopic } from './encrypted-topic.js';

export interface OperationsAlarmsProps {
  readonly operatorEmails: readonly string[];
  readonly functions: readonly IFunction[];
  /** Functions of the other stack (the token-claims trigger), by the name its SSM parameter holds. */
  readonly functionNames: Readonly<Record<string, string>>;
  /** Functions on the Events stream: a growing iterator age means views or the bus fall behind. */
  readonly streamConsumers: readonly IFunction[];
  readonly deadLetterQueues: readonly IQueue[];
  /** Tables whose throttled requests wake someone (on-demand tables throttle past their limits). */
  readonly tableNames: Readonly<Record<string, string>>;
  readonly api: HttpApi;
  /** SES sends the stage's mail: watch the account's bounce and complaint rates. */
  readonly watchSesReputation: boolean;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What operators are woken for, all on one SNS topic, each alarm naming its runbook entry
 * (docs/operations.md): anything in a dead-letter queue, a function failing or throttled (the
 * token-claims trigger too), the stream falling behind, a table throttled, the API's 5xx and 4xx
 * rates and p99 latency, and SES's bounce and complaint rates.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = encryptedTopic(
      this,
      { key: 'TopicKey', topic: 'Operators' },
      {
        description: 'Encrypts the operators alarm topic',
        displayName: 'Community Culture Ledger operators',
        publisher: 'cloudwatch.amazonaws.com',
      },
    );
    for (const email of props.operatorEmails) this.topic.addSubscription(new EmailSubscription(email));

    const alarm = (
      alarmId: string,
      entry: RunbookEntry,
      what: string,
      metric: IMetric,
      threshold: number,
      evaluationPeriods = 1,
    ) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: `${what}. Runbook: docs/operations.md#${entry} (${runbook[entry]})`,
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
    const sum = { period: FIVE_MINUTES, statistic: 'Sum' };

    props.deadLetterQueues.forEach((queue, i) => {
      alarm(
        `DeadLetters${i}`,
        'dead-letters',
        `Messages are waiting in a dead-letter queue (${queue.node.id}): something was not done`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        1,
      );
    });
    const lambdaMetric = (metricName: string, functionName: string) =>
      new Metric({
        namespace: 'AWS/Lambda',
        metricName,
        dimensionsMap: { FunctionName: functionName },
        ...sum,
      });
    const functionAlarms = (name: string, functionName: string) => {
      alarm(
        `${name}Errors`,
        'function-errors',
        `${name} failed at least once in 5 minutes`,
        lambdaMetric('Errors', functionName),
        1,
      );
      alarm(
        `${name}Throttles`,
        'function-throttles',
        `${name} was throttled at least once in 5 minutes`,
        lambdaMetric('Throttles', functionName),
        1,
      );
    };
    for (const fn of props.functions) functionAlarms(fn.node.id, fn.functionName);
    for (const [name, functionName] of Object.entries(props.functionNames))
      functionAlarms(name, functionName);
    for (const fn of props.streamConsumers) {
      alarm(
        `${fn.node.id}IteratorAge`,
        'stream-lag',
        `${fn.node.id} is more than 5 minutes behind the Events stream`,
        fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
        5 * 60 * 1000,
      );
    }
    for (const [name, tableName] of Object.entries(props.tableNames)) {
      const throttles = (metricName: string) =>
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: tableName },
          ...sum,
        });
      alarm(
        `${name}TableThrottles`,
        'table-throttles',
        `The ${name} table throttled requests in 5 minutes`,
        new MathExpression({
          expression: 'reads + writes',
          usingMetrics: { reads: throttles('ReadThrottleEvents'), writes: throttles('WriteThrottleEvents') },
          period: FIVE_MINUTES,
          label: `${name} throttle events`,
        }),
        1,
      );
    }
    const rate = (label: string, errors: IMetric) =>
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { errors, requests: props.api.metricCount(sum) },
        period: FIVE_MINUTES,
        label,
      });
    alarm(
      'Api5xxRate',
      'api-5xx',
      'More than 5 % of API requests answered 5xx, two 5-minute periods in a row',
      rate('5xx %', props.api.metricServerError(sum)),
      5,
      2,
    );
    alarm(
      'Api4xxRate',
      'api-4xx',
      'More than 25 % of API requests answered 4xx, three 5-minute periods in a row',
      rate('4xx %', props.api.metricClientError(sum)),
      25,
      3,
    );
    alarm(
      'ApiLatencyP99',
      'api-latency',
      'The API took 3 s or more at the 99th percentile, three 5-minute periods in a row',
      props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
      3000,
      3,
    );
    if (props.watchSesReputation) {
      const reputation = (metricName: string) =>
        new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
      // SES reviews an account at 5 % bounces and 0.1 % complaints; these wake operators before that.
      alarm(
        'SesBounceRate',
        'ses-reputation',
        "SES's bounce rate reached 4 %",
        reputation('Reputation.BounceRate'),
        0.04,
      );
      alarm(
        'SesComplaintRate',
        'ses-reputation',
        "SES's complaint rate reached 0.08 %",
        reputation('Reputation.ComplaintRate'),
        0.0008,
      );
    }
  }
}
