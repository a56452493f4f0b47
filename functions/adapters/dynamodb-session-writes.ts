import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

/** A session item outlives the caller's last write by a day (TTL where the engine has it). */
const RETENTION_S = 24 * 3600;
/** The applied item is pruned of entries older than the window once it names more streams than this. */
const APPLIED_KEPT = 64;

/** A position and when it was written or applied. */
interface Noted {
  readonly v: number;
  readonly at: number;
}

/** Every `<prefix><stream id>` attribute of an item, by stream id. */
function notedIn(item: Record<string, unknown> | undefined, prefix: string): [string, Noted][] {
  return Object.entries(item ?? {})
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, noted]) => [name.slice(prefix.length), noted as Noted]);
}

/**
 * A caller's writes, one attribute per stream (`w:<stream id>`), in an item per session window of
 * time (`$session#<community>#<sub>#<window number>`, Idempotency table, gone by TTL): a write is one
 * conditional UpdateItem with no read, and never takes the place of another stream's write, however
 * many the caller makes; the item only holds what one caller writes in one window. A query reads the
 * current and the previous window's items, which cover the session window whole.
 *
 * Beside them, in the Views table (the projector's to write), the caller's applied item
 * (`$applied#<community>#<sub>`, `a:<stream id>`): the last position of theirs the views show per
 * stream. A query reads the three items in one BatchGetItem; a write is not waited for only when its
 * own stream is noted applied at or past its version. An applied note only ever spares a wait: one
 * pruned or missing leaves the write waited for through its stream's marker.
 */
export class DynamoDbSessionWrites implements SessionWrites, AppliedWrites {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly viewsTableName: string,
  ) {}

  private key(caller: Caller, window: number) {
    return { id: `$session#${encodeURIComponent(caller.community)}#${caller.sub}#${window}` };
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
          Key: this.key(caller, Math.floor(now / SESSION_WINDOW_MS)),
          UpdateExpression: 'SET #write = :write, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#write) OR #write.#v < :version',
          ExpressionAttributeNames: { '#write': `w:${position.streamId}`, '#v': 'v' },
          ExpressionAttributeValues: {
            ':write': { v: position.version, at: now } satisfies Noted,
            ':version': position.version,
            ':expiresAt': Math.floor(now / 1000) + RETENTION_S,
          },
        }),
      );
    } catch (error) {
      // A later version of the stream is noted in this window already: its wait covers this one.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async recent(caller: Caller, withinMs: number): Promise<Position[]> {
    const now = this.clock.now().getTime();
    // The windows of time the last `withinMs` overlap: two for the session window.
    const windows: number[] = [];
    for (
      let w = Math.floor((now - withinMs) / SESSION_WINDOW_MS);
      w <= Math.floor(now / SESSION_WINDOW_MS);
      w++
    )
      windows.push(w);
    const { Responses } = await this.client.send(
      new BatchGetCommand({
        RequestItems: {
          [this.tableName]: { Keys: windows.map((w) => this.key(caller, w)), ConsistentRead: true },
          [this.viewsTableName]: { Keys: [this.appliedKey(caller)], ConsistentRead: true },
        },
      }),
    );
    // Small items: the engine answers them in one go (a partial answer only under throttling, when
    // the writes not learned of are simply waited for through their markers).
    const since = now - withinMs;
    const latest = new Map<string, number>();
    for (const item of Responses?.[this.tableName] ?? [])
      for (const [streamId, write] of notedIn(item, 'w:'))
        if (write.at >= since && write.v > (latest.get(streamId) ?? 0)) latest.set(streamId, write.v);
    const applied = new Map(notedIn(Responses?.[this.viewsTableName]?.[0], 'a:'));
    return [...latest]
      .filter(([streamId, version]) => (applied.get(streamId)?.v ?? 0) < version)
      .map(([streamId, version]) => ({ streamId, version }));
  }

  /**
   * Notes each author's last applied position per stream, never moving one backwards (conditional,
   * no read). Commits older than a session's window are skipped: no query waits for them (a
   * rebuild replaying the history writes nothing here). Once the item names more than a few dozen
   * streams, the entries older than the window go (only ever a spared wait lost).
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
        const caller = { community: commit.community, sub: commit.metadata.actor };
        try {
          const { Attributes } = await this.client.send(
            new UpdateCommand({
              TableName: this.viewsTableName,
              Key: this.appliedKey(caller),
              UpdateExpression: 'SET #applied = :applied',
              ConditionExpression: 'attribute_not_exists(#applied) OR #applied.#v < :version',
              ExpressionAttributeNames: { '#applied': `a:${commit.streamId}`, '#v': 'v' },
              ExpressionAttributeValues: {
                ':applied': { v: commit.lastVersion, at: now } satisfies Noted,
                ':version': commit.lastVersion,
              },
              ReturnValues: 'ALL_NEW',
            }),
          );
          await this.prune(caller, notedIn(Attributes, 'a:'), now);
        } catch (error) {
          // A later position of the stream is noted already: nothing to move.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }),
    );
  }

  private async prune(caller: Caller, noted: [string, Noted][], now: number): Promise<void> {
    if (noted.length <= APPLIED_KEPT) return;
    const stale = noted.filter(([, applied]) => applied.at < now - SESSION_WINDOW_MS).slice(0, 100);
    if (stale.length === 0) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.viewsTableName,
        Key: this.appliedKey(caller),
        UpdateExpression: `REMOVE ${stale.map((_, i) => `#s${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(
          stale.map(([streamId], i) => [`#s${i}`, `a:${streamId}`]),
        ),
      }),
    );
  }
}
