import type { SQSEvent } from 'aws-lambda';
import {
  queueOf,
  type UnitOutcome,
  type WorkQueue,
  type WorkQueueName,
  type WorkUnit,
} from '../../functions/app/scheduled-work.js';
import type { WorkerAnswer } from '../../functions/scheduled/unit-worker.js';

/** A queue's consumer as Lambda calls it from an SQS event source mapping. */
export type QueueConsumer = (event: SQSEvent) => Promise<WorkerAnswer>;

export interface LocalQueueSettings {
  /** Records per invocation (the mapping's `BatchSize`). */
  readonly batchSize: number;
  /** Deliveries before a unit is dead-lettered (the queue's redrive `maxReceiveCount`). */
  readonly maxReceiveCount: number;
}

/**
 * The local stand-in for the SQS queues of scheduled work: each unit goes to its kind's queue and is
 * delivered to the same consumer the stack maps to that queue, in batches of that mapping's size; a
 * unit the consumer reports failed is delivered again, up to the queue's receive count, then kept
 * with the dead letters. `drain()` runs until every queue is empty and tells what each unit came to.
 */
export class LocalWorkQueues implements WorkQueue {
  private readonly waiting = new Map<WorkQueueName, { unit: WorkUnit; receives: number }[]>();
  private sequence = 0;
  readonly deadLetters: { queue: WorkQueueName; unit: WorkUnit; reason?: string }[] = [];

  constructor(
    private readonly consumers: Readonly<Record<WorkQueueName, QueueConsumer>>,
    private readonly settings: Readonly<Record<WorkQueueName, LocalQueueSettings>>,
  ) {}

  async enqueue(units: readonly WorkUnit[]): Promise<void> {
    for (const unit of units) {
      const queue = queueOf(unit);
      this.waiting.set(queue, [...(this.waiting.get(queue) ?? []), { unit, receives: 0 }]);
    }
  }

  /** Delivers until nothing waits; the last outcome of every unit delivered, in delivery order. */
  async drain(): Promise<UnitOutcome[]> {
    const outcomes: UnitOutcome[] = [];
    for (;;) {
      const queue = [...this.waiting.keys()].find((name) => (this.waiting.get(name) ?? []).length > 0);
      if (!queue) return outcomes;
      const { batchSize, maxReceiveCount } = this.settings[queue];
      const batch = this.waiting.get(queue)!.splice(0, batchSize);
      const ids = batch.map(() => `local-${++this.sequence}`);
      const answer = await this.consumers[queue]({
        Records: batch.map(({ unit, receives }, i) => sqsRecord(ids[i]!, unit, receives + 1, queue)),
      }).catch((error: unknown) => ({
        batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })),
        outcomes: batch.map(({ unit }) => ({ unit, outcome: 'failed' as const, reason: String(error) })),
      }));
      const failed = new Set(answer.batchItemFailures.map((f) => f.itemIdentifier));
      batch.forEach((delivery, i) => {
        const outcome = answer.outcomes[i];
        if (!failed.has(ids[i]!)) {
          if (outcome) outcomes.push(outcome);
          return;
        }
        if (delivery.receives + 1 < maxReceiveCount)
          this.waiting.get(queue)!.push({ unit: delivery.unit, receives: delivery.receives + 1 });
        else {
          this.deadLetters.push({ queue, unit: delivery.unit, reason: outcome?.reason });
          outcomes.push(outcome ?? { unit: delivery.unit, outcome: 'failed' });
        }
      });
    }
  }
}

function sqsRecord(messageId: string, unit: WorkUnit, receiveCount: number, queue: string) {
  return {
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify(unit),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}`,
    awsRegion: 'local',
  };
}
