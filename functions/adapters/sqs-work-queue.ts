import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueOf, type WorkQueue, type WorkQueueName, type WorkUnit } from '../app/scheduled-work.js';

/** SQS: units in batches of ten (SendMessageBatch's limit), each to its kind's queue; a refused entry throws. */
export class SqsWorkQueue implements WorkQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly urls: Partial<Record<WorkQueueName, string>>,
  ) {}

  async enqueue(units: readonly WorkUnit[]): Promise<void> {
    const byQueue = new Map<WorkQueueName, WorkUnit[]>();
    for (const unit of units) byQueue.set(queueOf(unit), [...(byQueue.get(queueOf(unit)) ?? []), unit]);
    for (const [name, queued] of byQueue) {
      const url = this.urls[name];
      if (!url) throw new Error(`no queue URL for ${name} units in this function's environment`);
      for (let at = 0; at < queued.length; at += 10) {
        const batch = queued.slice(at, at + 10);
        const result = await this.client.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: batch.map((unit, i) => ({ Id: String(i), MessageBody: JSON.stringify(unit) })),
          }),
        );
        if (result.Failed?.length)
          throw new Error(
            `${result.Failed.length} ${name} units not queued: ${result.Failed.map((f) => f.Message).join('; ')}`,
          );
      }
    }
  }
}
