import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../app/idempotency.js';
import type { Clock } from '../app/ports.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/**
 * A claim whose holder died is taken over after this long. It must outlast a command's run (the
 * commands function's timeout on AWS is shorter), because a holder stops appending when it ends.
 */
export const DEFAULT_LOCK_MS = 30_000;
/** Keys are remembered for a day (DynamoDB TTL on `expiresAt`, where the engine has TTL). */
const RETENTION_S = 24 * 3600;

export class DynamoDbIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly lockMs: number = DEFAULT_LOCK_MS,
  ) {}

  async claim(key: string, fingerprint: string, reservedId: string): Promise<IdempotencyClaim> {
    const now = this.clock.now().getTime();
    try {
      // One conditional write claims a new key or takes over an expired claim of the same request;
      // the reserved id and first-claim time survive a takeover, and `attempts` tells the two apart.
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: key },
          UpdateExpression:
            'SET fingerprint = :fingerprint, #state = :inProgress, lockedUntil = :lockedUntil, ' +
            'expiresAt = if_not_exists(expiresAt, :expiresAt), reservedId = if_not_exists(reservedId, :reservedId), ' +
            'claimedSince = if_not_exists(claimedSince, :now) ADD attempts :one',
          ConditionExpression:
            'attribute_not_exists(id) OR (#state = :inProgress AND lockedUntil < :nowMs AND fingerprint = :fingerprint)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':fingerprint': fingerprint,
            ':inProgress': 'in-progress',
            ':lockedUntil': now + this.lockMs,
            ':expiresAt': Math.floor(now / 1000) + RETENTION_S,
            ':reservedId': reservedId,
            ':now': new Date(now).toISOString(),
            ':nowMs': now,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return {
        state: 'acquired',
        reservedId: Attributes!.reservedId as string,
        claimedSince: Attributes!.claimedSince as string,
        lockedUntil: Attributes!.lockedUntil as number,
        takenOver: (Attributes!.attempts as number) > 1,
      };
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
    await this.whileInProgress(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { id: key },
        ConditionExpression: '#state = :inProgress',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':inProgress': 'in-progress' },
      }),
    );
  }

  async abandon(key: string): Promise<void> {
    await this.whileInProgress(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: key },
        UpdateExpression: 'SET lockedUntil = :zero',
        ConditionExpression: '#state = :inProgress',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':inProgress': 'in-progress', ':zero': 0 },
      }),
    );
  }

  /**
   * For a process that owns its engine alone (the local runtime) and has just started: every claim
   * still in progress from before `startedAt` belongs to a process that died, so its lock ends now and
   * the next retry takes it over (and finds the commit) at once instead of waiting out the lock.
   */
  async abandonClaimsFrom(startedAt: Date): Promise<number> {
    // Locked by a holder that claimed (or took over) before this process started.
    const heldBefore = startedAt.getTime() + this.lockMs;
    let abandoned = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: '#state = :inProgress AND lockedUntil > :zero AND lockedUntil < :heldBefore',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'in-progress', ':zero': 0, ':heldBefore': heldBefore },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        // Only if nobody claimed it since the scan read it.
        await this.whileInProgress(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id: item.id },
            UpdateExpression: 'SET lockedUntil = :zero',
            ConditionExpression: '#state = :inProgress AND lockedUntil = :seen',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':inProgress': 'in-progress',
              ':zero': 0,
              ':seen': item.lockedUntil,
            },
          }),
        );
        abandoned++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return abandoned;
  }

  private async whileInProgress(command: DeleteCommand | UpdateCommand): Promise<void> {
    try {
      await this.client.send(command as UpdateCommand);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
