import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../app/ports.js';
import type { Position } from '../app/position.js';
import type { Caller, SessionWrites } from '../app/session-writes.js';

/** Slots per caller: a handful of streams written within seconds each keep their own. */
const SLOTS = 32;
/** A session item outlives the caller's last write by a day (TTL where the engine has it). */
const RETENTION_S = 24 * 3600;

/**
 * One small item per caller in the Idempotency table (`$session#<community>#<sub>`): the last
 * position written on each stream, in a slot chosen by the stream id, so the item never grows past
 * 32 entries and a write is one UpdateItem with no read. Two streams sharing a slot within seconds
 * lose the older one's wait: the read then falls back to the views as they are.
 */
export class DynamoDbSessionWrites implements SessionWrites {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  private key(caller: Caller) {
    return { id: `$session#${encodeURIComponent(caller.community)}#${caller.sub}` };
  }

  async record(caller: Caller, position: Position): Promise<void> {
    const now = this.clock.now().getTime();
    const slot = createHash('sha256').update(position.streamId).digest().readUInt32BE(0) % SLOTS;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(caller),
        UpdateExpression: 'SET #slot = :write, expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#slot': `w${slot}` },
        ExpressionAttributeValues: {
          ':write': { s: position.streamId, v: position.version, at: now },
          ':expiresAt': Math.floor(now / 1000) + RETENTION_S,
        },
      }),
    );
  }

  async recent(caller: Caller, withinMs: number): Promise<Position[]> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(caller), ConsistentRead: true }),
    );
    if (!Item) return [];
    const since = this.clock.now().getTime() - withinMs;
    const found: Position[] = [];
    for (let slot = 0; slot < SLOTS; slot++) {
      const write = Item[`w${slot}`] as { s: string; v: number; at: number } | undefined;
      if (write && write.at >= since) found.push({ streamId: write.s, version: write.v });
    }
    return found;
  }
}
