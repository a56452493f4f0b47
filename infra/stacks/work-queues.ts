import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { WorkQueueName } from '../../functions/app/scheduled-work.js';
import type { LedgerFunction } from '../constructs/ledger-function.js';
import type { LedgerFunctionName } from '../functions.js';
import { workQueues } from '../scheduled-work.js';

export interface WorkQueues {
  readonly queues: Readonly<Record<WorkQueueName, Queue>>;
  readonly deadLetters: Readonly<Record<WorkQueueName, Queue>>;
}

const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * One queue per kind of scheduled unit, each with its dead-letter queue and its consumer
 * (`infra/scheduled-work.ts`): a unit is retried alone, dead-lettered alone, and its consumer's
 * concurrency is capped (the mailer's keeps within the SES rate).
 */
export function workQueuesFor(
  scope: Construct,
  functions: Readonly<Record<LedgerFunctionName, LedgerFunction>>,
): WorkQueues {
  const queues: Partial<Record<WorkQueueName, Queue>> = {};
  const deadLetters: Partial<Record<WorkQueueName, Queue>> = {};
  for (const [name, wiring] of Object.entries(workQueues) as [
    WorkQueueName,
    (typeof workQueues)[WorkQueueName],
  ][]) {
    const consumer = functions[wiring.consumer];
    const dead = new Queue(scope, `${capitalized(name)}DeadLetters`, {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    const queue = new Queue(scope, `${capitalized(name)}Units`, {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      // Six times the consumer's timeout, as Lambda advises for SQS event sources.
      visibilityTimeout: Duration.seconds(6 * consumer.timeout!.toSeconds()),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: dead, maxReceiveCount: wiring.maxReceiveCount },
    });
    consumer.addEventSource(
      new SqsEventSource(queue, {
        batchSize: wiring.batchSize,
        maxConcurrency: wiring.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    queues[name] = queue;
    deadLetters[name] = dead;
  }
  return {
    queues: queues as Record<WorkQueueName, Queue>,
    deadLetters: deadLetters as Record<WorkQueueName, Queue>,
  };
}
