import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Commit } from '../../events/index.js';
import { commitFromItem, itemOfCommit } from '../adapters/commit-item.js';

/** A Lambda that consumes the Events table's stream: the projector and the bus publisher. */
export type CommitStreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/**
 * DynamoDB Streams → the whole batch at once, for consumers that gain from it (the projector folds a
 * stream's commits per view item; the publisher puts a batch's events together). The consumer names
 * the streams it failed; the batch is reported failed from the first record of any of them, so the
 * stream retries from there and no stream's commits are ever applied out of order (what was applied
 * after that point comes again and is skipped by the consumer's own dedupe).
 */
export function createCommitBatchHandler(
  consumer: string,
  handleBatch: (commits: readonly Commit[]) => Promise<ReadonlySet<string>>,
  logger: Pick<Logger, 'error'>,
  /** `ProjectionLag` (ms from a commit's recording to its handling, the batch's worst) and commit counts. */
  metrics?: Metrics,
  clock: () => number = Date.now,
): CommitStreamHandler {
  return async (event) => {
    const records: { record: DynamoDBRecord; commit: Commit }[] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (!image || record.eventName === 'REMOVE') continue;
      const item = unmarshall(image as Record<string, AttributeValue>);
      if (item.kind === 'commit') records.push({ record, commit: commitFromItem(item) });
    }
    let failed: ReadonlySet<string>;
    try {
      failed = await handleBatch(records.map((r) => r.commit));
    } catch (error) {
      logger.error(`${consumer} failed the batch; the stream retries it`, { error: error as Error });
      failed = new Set(records.map((r) => r.commit.streamId));
    }
    const first = records.findIndex((r) => failed.has(r.commit.streamId));
    if (metrics && records.length > 0) {
      const name = consumer.charAt(0).toUpperCase() + consumer.slice(1);
      const lag = Math.max(...records.map((r) => clock() - Date.parse(r.commit.recordedAt)));
      metrics.addMetric(`${name}Lag`, MetricUnit.Milliseconds, Math.max(0, lag));
      metrics.addMetric(`${name}Commits`, MetricUnit.Count, records.length);
      metrics.addMetric(`${name}FailedStreams`, MetricUnit.Count, failed.size);
      metrics.publishStoredMetrics();
    }
    if (first < 0) return { batchItemFailures: [] };
    // The commit's correlation id ties this failure to the request (or schedule run) that made it.
    logger.error(`${consumer} failed; the stream retries from this commit`, {
      streamId: records[first]!.commit.streamId,
      commitId: records[first]!.commit.commitId,
      correlation_id: records[first]!.commit.metadata.correlationId,
    });
    // Records before `first` that were skipped (not commits) need no retry; from `first` on, all.
    const from = event.Records.indexOf(records[first]!.record);
    return {
      batchItemFailures: event.Records.slice(from)
        .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }))
        .filter((f) => f.itemIdentifier !== ''),
    };
  };
}

/** The stream record DynamoDB Streams delivers for a stored commit (the local runtime's stand-in). */
export function streamRecordOf(commit: Commit): DynamoDBRecord {
  return {
    eventID: commit.commitId,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ streamId: commit.streamId, version: commit.firstVersion }) as never,
      NewImage: marshall(itemOfCommit(commit), { removeUndefinedValues: true }) as never,
      SequenceNumber: commit.commitId,
      StreamViewType: 'NEW_IMAGE',
    },
  };
}
