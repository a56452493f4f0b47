import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { commitFromItem } from '../adapters/dynamodb-event-store.js';
import type { Projector } from './projector.js';

/**
 * DynamoDB Streams → projector. Records of one shard arrive in order; on the first failure the rest
 * of the batch is reported failed too (partial batch response), so the stream retries from there
 * and a stream's commits are never applied out of order.
 */
export function createStreamHandler(projector: Projector) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const records = event.Records;
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const image = record.dynamodb?.NewImage;
      if (!image || record.eventName === 'REMOVE') continue;
      const item = unmarshall(image as Record<string, AttributeValue>);
      if (item.kind !== 'commit') continue;
      try {
        await projector.applyCommit(commitFromItem(item));
      } catch {
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
