import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { BUS_SOURCE } from '../../functions/app/event-bus.js';
import type { WorkQueueName } from '../../functions/app/scheduled-work.js';
import { busRules } from '../scheduled-work.js';

/**
 * Each rule of `busRules`: the ledger's events of its types, whole, onto its queue (the queue's
 * consumer retries and dead-letters them one by one). The target grants the rule, and only it,
 * sending to that queue (and to its dead letters, for what it could not deliver).
 */
export function routeBusRules(
  scope: Construct,
  {
    bus,
    queues,
    deadLetters,
  }: {
    bus: IEventBus;
    queues: Readonly<Record<WorkQueueName, Queue>>;
    deadLetters: Readonly<Record<WorkQueueName, Queue>>;
  },
): void {
  for (const [id, rule] of Object.entries(busRules))
    new Rule(scope, id, {
      eventBus: bus,
      description: `Ledger events ${rule.detailTypes.join(', ')} to the ${rule.queue} queue`,
      eventPattern: { source: [BUS_SOURCE], detailType: [...rule.detailTypes] },
      // What EventBridge cannot deliver after its retries waits with the queue's own dead letters.
      targets: [new SqsQueue(queues[rule.queue], { deadLetterQueue: deadLetters[rule.queue] })],
    });
}
