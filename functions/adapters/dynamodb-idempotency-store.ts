import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../app/idempotency.js';
import type { Clock } from '../app/ports.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/** A claim whose holder died is taken over after this long. */
const LOCK_MS = 30_000;
/** Keys are remembered for a day (DynamoDB TTL on `expiresAt`, where the engine has TTL). */
const RETENTION_S = 24 * 3600;

export class DynamoDbIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async claim(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const now = this.clock.now().getTime();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            id: key,
            fingerprint,
            state: 'in-progress',
            lockedUntil: now + LOCK_MS,
            expiresAt: Math.floor(now / 1000) + RETENTION_S,
          },
          ConditionExpression: 'attribute_not_exists(id) OR (#state = :inProgress AND lockedUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'in-progress', ':now': now },
        }),
      );
      return { state: 'acquired' };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    return (await this.read(key)) ?? { state: 'in-progress', fingerprint };
  }

  async read(key: string): Promise<IdempotencyClaim | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    if (Item.state === 'completed') {
      return {
        state: 'completed',
        fingerprint: Item.fingerprint,
        response: JSON.parse(Item.response) as StoredResponse,
      };
    }
    return { state: 'in-progress', fingerprint: Item.fingerprint };
  }

  async complete(key: string, response: StoredResponse): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: key },
        UpdateExpression: 'SET #state = :completed, #response = :response REMOVE lockedUntil',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':completed': 'completed', ':response': JSON.stringify(response) },
      }),
    );
  }

  async release(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { id: key },
          ConditionExpression: '#state = :inProgress',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'in-progress' },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
