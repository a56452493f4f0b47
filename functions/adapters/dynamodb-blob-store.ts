import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BlobStore } from '../app/blob-store.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

const BLOB_PREFIX = '$blob#';

/**
 * Content-addressed texts in the Events table: immutable, written before the event that names
 * them (so no event ever points at nothing), and proven by the digest inside the hashed commit.
 */
export class DynamoDbBlobStore implements BlobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(content: string) {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const bytes = Buffer.byteLength(content);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { streamId: BLOB_PREFIX + sha256, version: 0, kind: 'blob', content, bytes },
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      );
    } catch (error) {
      // The same text stored before: nothing to do, it is the same blob.
      if (!isConditionalCheckFailed(error)) throw error;
    }
    return { sha256, bytes };
  }

  async get(sha256: string) {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { streamId: BLOB_PREFIX + sha256, version: 0 } }),
    );
    return result.Item?.content as string | undefined;
  }
}
