import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
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
/** A session item outlives the caller's last write by a day (TTL where the engine has it). */
const RETENTION_S = 24 * 3600;
/** Notes racing for the same free slot retry on a fresh read; a handful of rounds settles them. */
const MAX_ROUNDS = 8;

interface SlotEntry {
  readonly s: string;
  readonly v: number;
  readonly at?: number;
}
type Written = Required<SlotEntry>;

const slotOf = (streamId: string) => createHash('sha256').update(streamId).digest().readUInt32BE(0) % SLOTS;

/** Every write of the item, slots and overflow alike. */
function writesIn(item: Record<string, unknown>): Written[] {
  const found: Written[] = [];
  for (let slot = 0; slot < SLOTS; slot++) {
    const write = item[`w${slot}`] as Written | undefined;
    if (write) found.push(write);
  }
  return [...found, ...((item.o as Written[] | undefined) ?? [])];
}

/**
 * One small item per caller in the Idempotency table (`$session#<community>#<sub>`): the last
 * position written on each stream within the session window. A write goes to the slot its stream id
 * hashes to, in one conditional UpdateItem with no read; that slot may be taken only when free, older
 * than the window, or the same stream's earlier version. When another stream's recent write holds
 * it (rare: two streams in a slot within seconds), the note reads the item and takes a free or stale
 * slot, or, with all 32 recent, the overflow list: a write within the window is never dropped.
 *
 * Beside it, in the Views table (the projector's to write), the caller's applied item
 * (`$applied#<community>#<sub>`): per slot of the stream id, the last position of theirs the views
 * show. A query reads both items in one BatchGetItem; a write is not waited for only when its own
 * stream is noted applied at or past its version.
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
    const write: Written = { s: position.streamId, v: position.version, at: now };
    if (await this.claim(caller, slotOf(write.s), write)) return;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { Item = {} } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: this.key(caller), ConsistentRead: true }),
      );
      // A later version of the stream is noted already: its wait covers this one.
      if (writesIn(Item).some((w) => w.s === write.s && w.v >= write.v)) return;
      const stale = now - SESSION_WINDOW_MS;
      const slots = Array.from(
        { length: SLOTS },
        (_, slot) => [slot, Item[`w${slot}`] as Written | undefined] as const,
      );
      const own = slots.find(([, w]) => w?.s === write.s);
      // Notes racing for free slots each try a different one, drawn at random.
      const free = slots.filter(([, w]) => !w || w.at < stale);
      const open = own ?? free[Math.floor(Math.random() * free.length)];
      if (open ? await this.claim(caller, open[0], write) : await this.overflow(caller, Item, write)) return;
    }
    throw new Error(`the session of ${caller.sub} stayed contended: ${write.s}@${write.v} not noted`);
  }

  /** Takes a slot if it is free, stale or the stream's own earlier version (no read). */
  private async claim(caller: Caller, slot: number, write: Written): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(caller),
          UpdateExpression: 'SET #slot = :write, expiresAt = :expiresAt',
          ConditionExpression:
            'attribute_not_exists(#slot) OR #slot.#at < :stale OR (#slot.#s = :stream AND #slot.#v < :version)',
          ExpressionAttributeNames: { '#slot': `w${slot}`, '#at': 'at', '#s': 's', '#v': 'v' },
          ExpressionAttributeValues: {
            ':write': write,
            ':expiresAt': Math.floor(write.at / 1000) + RETENTION_S,
            ':stale': write.at - SESSION_WINDOW_MS,
            ':stream': write.s,
            ':version': write.v,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /**
   * All 32 slots hold recent writes: the overflow list. Rewritten with its recent entries only when
   * nobody else changed it since the read (so it stays small); under contention, appended to.
   */
  private async overflow(caller: Caller, item: Record<string, unknown>, write: Written): Promise<boolean> {
    const stale = write.at - SESSION_WINDOW_MS;
    const listed = (item.o as Written[] | undefined) ?? [];
    const kept = listed.filter((w) => w.at >= stale && w.s !== write.s);
    const seen = item.ov as number | undefined;
    const expiresAt = Math.floor(write.at / 1000) + RETENTION_S;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(caller),
          UpdateExpression: 'SET o = :list, ov = :next, expiresAt = :expiresAt',
          ConditionExpression: seen === undefined ? 'attribute_not_exists(ov)' : 'ov = :seen',
          ExpressionAttributeValues: {
            ':list': [...kept, write],
            ':next': (seen ?? 0) + 1,
            ':expiresAt': expiresAt,
            ...(seen === undefined ? {} : { ':seen': seen }),
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(caller),
          UpdateExpression: 'SET o = list_append(if_not_exists(o, :none), :one), expiresAt = :expiresAt',
          ExpressionAttributeValues: { ':none': [], ':one': [write], ':expiresAt': expiresAt },
        }),
      );
    }
    return true;
  }

  async recent(caller: Caller, withinMs: number): Promise<Position[]> {
    const { Responses } = await this.client.send(
      new BatchGetCommand({
        RequestItems: {
          [this.tableName]: { Keys: [this.key(caller)], ConsistentRead: true },
          [this.viewsTableName]: { Keys: [this.appliedKey(caller)], ConsistentRead: true },
        },
      }),
    );
    // Two small items: the engine answers them in one go (a partial answer only under throttling,
    // when the writes not learned of are simply waited for through their markers).
    const written = Responses?.[this.tableName]?.[0];
    if (!written) return [];
    const applied = Responses?.[this.viewsTableName]?.[0] ?? {};
    const since = this.clock.now().getTime() - withinMs;
    const latest = new Map<string, number>();
    for (const write of writesIn(written))
      if (write.at >= since && write.v > (latest.get(write.s) ?? 0)) latest.set(write.s, write.v);
    const found: Position[] = [];
    for (const [streamId, version] of latest) {
      const shown = applied[`a${slotOf(streamId)}`] as SlotEntry | undefined;
      if (shown?.s === streamId && shown.v >= version) continue;
      found.push({ streamId, version });
    }
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
              ConditionExpression: 'attribute_not_exists(#slot) OR #slot.s <> :stream OR #slot.v < :version',
              ExpressionAttributeNames: { '#slot': `a${slotOf(commit.streamId)}` },
              ExpressionAttributeValues: {
                ':applied': { s: commit.streamId, v: commit.lastVersion },
                ':stream': commit.streamId,
                ':version': commit.lastVersion,
              },
            }),
          );
        } catch (error) {
          // A later position of the stream is noted already: nothing to move.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }),
    );
  }
}
