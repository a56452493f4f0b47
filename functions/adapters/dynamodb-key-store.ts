import { randomBytes } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyStore } from '../app/personal-data.js';

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
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...this.key(community, residentId), kind: 'key', key: key.toString('base64') },
        ConditionExpression: 'attribute_not_exists(streamId)',
      }),
    );
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
