import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ApplicationError } from '../app/errors.js';
import type { Clock } from '../app/ports.js';
import type { Position } from '../app/position.js';
import {
  type AppliedCommit,
  type AppliedWrites,
  type Caller,
  SESSION_WINDOW_MS,
  type SessionWrites,
} from '../app/session-writes.js';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/** Slots per caller: a handful of streams written within seconds each keep their own. */
const SLOTS = 32;
/** BatchGetItems per read before an unprocessed session item fails the query (pauses 10, 20, 40 ms). */
const UNPROCESSED_ATTEMPTS = 4;
/** A session item outlives the caller's last write by a day (TTL where the engine has it). */
const RETENTION_S = 24 * 3600;

interface SlotEntry {
  readonly s: string;
  readonly v: number;
  readonly at?: number;
}

/**
 * Which of two writes a slot keeps: the later one (a commit's time and its note's are taken together,
 * before either is sent), the greater stream id on the same millisecond, and on one stream the later
 * version whatever the clocks say. The caller's note and the projector's applied note keep by it alike.
 */
const NEWEST_OF_THE_SLOT =
  'attribute_not_exists(#slot) OR attribute_not_exists(#slot.#at) OR #slot.#at < :at OR (#slot.#at = :at AND #slot.s < :stream) OR (#slot.s = :stream AND #slot.v < :version)';

export const slotOf = (streamId: string) =>
  createHash('sha256').update(streamId).digest().readUInt32BE(0) % SLOTS;

/**
 * One small item per caller in the Idempotency table (`$session#<community>#<sub>`): the last
 * position written on each stream, in a slot chosen by the stream id, so the item never grows past
 * 32 entries and a write is one UpdateItem with no read. Two streams sharing a slot within seconds
 * lose the older one's wait: the read then falls back to the views as they are.
 *
 * Beside it, in the Views table (the projector's to write), the caller's applied item
 * (`$applied#<community>#<sub>`): per slot, the last position of theirs the views show. A query
 * reads both items in one BatchGetItem; a write whose slot shows it applied is not waited for.
 */
export class DynamoDbSessionWrites implements SessionWrites, AppliedWrites {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly viewsTableName: string,
  ) {}

  private key(caller: Caller) {
    return { id: `$session#${encodeURIComponent(caller.community)}#${caller.sub}` };
  }

  private appliedKey(caller: Caller) {
    return { pk: `$applied#${encodeURIComponent(caller.community)}#${caller.sub}`, sk: '-' };
  }

  async record(caller: Caller, position: Position): Promise<void> {
    const now = this.clock.now().getTime();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(caller),
          UpdateExpression: 'SET #slot = :write, expiresAt = :expiresAt',
          // The slot keeps the newest write of its streams by when it was made, whatever order the
          // notes land in (a caller's concurrent commands), by the very rule the projector's applied
          // slot keeps: the two then name the same write, and once it is applied a query reads no marker.
          ConditionExpression: NEWEST_OF_THE_SLOT,
          ExpressionAttributeNames: { '#slot': `w${slotOf(position.streamId)}`, '#at': 'at' },
          ExpressionAttributeValues: {
            ':write': { s: position.streamId, v: position.version, at: now },
            ':expiresAt': Math.floor(now / 1000) + RETENTION_S,
            ':stream': position.streamId,
            ':version': position.version,
            ':at': now,
          },
        }),
      );
    } catch (error) {
      // A newer write of the slot is noted already (and the item's expiry with it).
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async recent(caller: Caller, withinMs: number): Promise<Position[]> {
    const items = await this.readBoth({
      [this.tableName]: { Keys: [this.key(caller)], ConsistentRead: true },
      [this.viewsTableName]: { Keys: [this.appliedKey(caller)], ConsistentRead: true },
    });
    const written = items.get(this.tableName);
    if (!written) return [];
    // The applied item only spares waits: without it, each write is waited for through its marker.
    const applied = items.get(this.viewsTableName) ?? {};
    const since = this.clock.now().getTime() - withinMs;
    const found: Position[] = [];
    for (let slot = 0; slot < SLOTS; slot++) {
      const write = written[`w${slot}`] as Required<SlotEntry> | undefined;
      if (!write || write.at < since) continue;
      const shown = applied[`a${slot}`] as SlotEntry | undefined;
      if (shown?.s === write.s && shown.v >= write.v) continue;
      found.push({ streamId: write.s, version: write.v });
    }
    return found;
  }

  /**
   * The two small items, asking again (a few times, briefly) for what the engine left unprocessed
   * under throttling. A session item still unread fails the query closed (503): answering "no recent
   * writes" would let it skip the caller's own changes.
   */
  private async readBoth(
    requestItems: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }>,
  ): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    let pending: typeof requestItems | undefined = requestItems;
    for (let attempt = 0; pending && attempt < UNPROCESSED_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** (attempt - 1)));
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.client.send(
        new BatchGetCommand({ RequestItems: pending }),
      );
      for (const [table, items] of Object.entries(Responses ?? {})) if (items[0]) found.set(table, items[0]);
      const left = Object.entries(UnprocessedKeys ?? {}).filter(([, asked]) => (asked.Keys?.length ?? 0) > 0);
      pending = left.length > 0 ? (Object.fromEntries(left) as typeof requestItems) : undefined;
    }
    if (pending?.[this.tableName])
      throw new ApplicationError(
        'unavailable',
        'views-behind',
        'your recent changes could not be looked up just now; retry shortly',
      );
    return found;
  }

  /**
   * Notes each author's last applied position per stream, never moving one backwards (conditional,
   * no read). Commits older than a session's window are skipped: no query waits for them (a
   * rebuild replaying the history writes nothing here).
   */
  async applied(commits: readonly AppliedCommit[]): Promise<void> {
    const now = this.clock.now().getTime();
    const last = new Map<string, AppliedCommit>();
    for (const commit of commits) {
      if (Date.parse(commit.recordedAt) < now - SESSION_WINDOW_MS) continue;
      const key = `${commit.community}\u0000${commit.metadata.actor}\u0000${commit.streamId}`;
      if ((last.get(key)?.lastVersion ?? 0) < commit.lastVersion) last.set(key, commit);
    }
    await Promise.all(
      [...last.values()].map(async (commit) => {
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.viewsTableName,
              Key: this.appliedKey({ community: commit.community, sub: commit.metadata.actor }),
              UpdateExpression: 'SET #slot = :applied',
              // The slot shows the newest commit applied among its streams, whatever order the
              // streams were applied in (in parallel, a batch at a time): the caller's note names
              // the newest write of the slot, so once it is applied the two agree. Last applied
              // wins made an older stream overwrite a newer one and its query read every marker.
              ConditionExpression: NEWEST_OF_THE_SLOT,
              ExpressionAttributeNames: { '#slot': `a${slotOf(commit.streamId)}`, '#at': 'at' },
              ExpressionAttributeValues: {
                ':applied': { s: commit.streamId, v: commit.lastVersion, at: Date.parse(commit.recordedAt) },
                ':stream': commit.streamId,
                ':version': commit.lastVersion,
                ':at': Date.parse(commit.recordedAt),
              },
            }),
          );
        } catch (error) {
          // A newer commit of the slot is noted already: nothing to move.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }),
    );
  }
}
