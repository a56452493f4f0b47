import type { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Commit } from '../../events/index.js';
import { commitFromItem, itemOfCommit } from '../adapters/dynamodb-event-store.js';

/** A Lambda that consumes the Events table's stream: the projector and the bus publisher. */
export type CommitStreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/**
 * DynamoDB Streams → one commit at a time, in order. Records of one shard arrive in order; on the
 * first failure the rest of the batch is reported failed too (partial batch response), so the
 * stream retries from there and a stream's commits are never handled out of order. Snapshots and
 * other non-commit items of the table are skipped.
 */
export function createCommitStreamHandler(
  consumer: string,
  handle: (commit: Commit) => Promise<void>,
  logger: Pick<Logger, 'error'>,
): CommitStreamHandler {
  return async (event) => {
    const records = event.Records;
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const image = record.dynamodb?.NewImage;
      if (!image || record.eventName === 'REMOVE') continue;
      const item = unmarshall(image as Record<string, AttributeValue>);
      if (item.kind !== 'commit') continue;
      const commit = commitFromItem(item);
      try {
        await handle(commit);
      } catch (error) {
        logger.error(`${consumer} failed; the stream retries from this commit`, {
          streamId: commit.streamId,
          commitId: commit.commitId,
          error: error as Error,
        });
        return {
          batchItemFailures: records
            .slice(i)
            .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }))
            .filter((f) => f.itemIdentifier !== ''),
        };
      }
    }
    return { batchItemFailures: [] };
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
