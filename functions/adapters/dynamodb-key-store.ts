import { randomBytes } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyStore } from '../app/personal-data.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/**
 * Data keys as items of their own, deletable unlike the history beside them. (On AWS these should be
 * KMS-wrapped data keys; here the key is stored as it is.)
 */
export class DynamoDbKeyStore implements KeyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(community: string, residentId: string) {
    return { streamId: `$key#${community}#${residentId}`, version: 0 };
  }

  async create(community: string, residentId: string) {
    const key = randomBytes(32);
    let keptAlready = false;
    await this.client
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key(community, residentId), kind: 'key', key: key.toString('base64') },
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error;
        keptAlready = true;
      });
    // A retried keyed enrollment reuses its reserved resident id: keep the key its first attempt made.
    if (keptAlready) return (await this.get(community, residentId))!;
    return key;
  }

  async get(community: string, residentId: string) {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: this.key(community, residentId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? Buffer.from(result.Item.key as string, 'base64') : undefined;
  }

  async destroy(community: string, residentId: string) {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: this.key(community, residentId) }),
    );
  }
}
