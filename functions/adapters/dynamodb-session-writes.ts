import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
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
import { FullWindows, keepNote, lastNoted, type NoteItems, windowOf } from './dynamodb-session-notes.js';

export { slotOf } from './dynamodb-session-notes.js';

/** BatchGetItems per read before an unprocessed session item fails the query (pauses 10, 20, 40 ms). */
const UNPROCESSED_ATTEMPTS = 4;

/** How far ahead another function's clock may run (Lambda's clocks are synchronised far closer). */
const CLOCK_SKEW_MS = 1000;
/** Windows read per kind at most (a minute): a BatchGetItem names at most 100 keys. */
const MOST_WINDOWS = 4;

type BatchRequest = Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }>;

/**
 * The caller's notes of their writes, in the Idempotency table (`$noted#<community>#<window>#<sub>`
 * and, past a window's exact notes, `$session#<community>#<sub>`), and beside them, in the Views table
 * (the projector's to write), its notes of their writes applied (`$applied-in#…`, `$applied#…`): the
 * same shape (dynamodb-session-notes.ts). A query reads the windows its recent writes fall in, of
 * both, in one BatchGetItem; a write the views are noted to show is not waited for, and any other is
 * waited for through its stream's marker. The window comes before the subject in a key, so no subject
 * (which may hold `#`) can name another caller's item.
 */
export class DynamoDbSessionWrites implements SessionWrites, AppliedWrites {
  private readonly fullWindows = new FullWindows();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly viewsTableName: string,
  ) {}

  private notes(caller: Caller): NoteItems {
    const community = encodeURIComponent(caller.community);
    return {
      tableName: this.tableName,
      windowKey: (window) => ({ id: `$noted#${community}#${window}#${caller.sub}` }),
      slotKey: { id: `$session#${community}#${caller.sub}` },
    };
  }

  private appliedNotes(caller: Caller): NoteItems {
    const community = encodeURIComponent(caller.community);
    return {
      tableName: this.viewsTableName,
      windowKey: (window) => ({ pk: `$applied-in#${community}#${window}#${caller.sub}`, sk: '-' }),
      slotKey: { pk: `$applied#${community}#${caller.sub}`, sk: '-' },
    };
  }

  async record(caller: Caller, position: Position): Promise<void> {
    const at = this.clock.now().getTime();
    await keepNote(
      this.client,
      this.notes(caller),
      { s: position.streamId, v: position.version, at },
      this.fullWindows,
    );
  }

  async recent(caller: Caller, withinMs: number): Promise<Position[]> {
    const now = this.clock.now().getTime();
    const since = now - withinMs;
    const keysOf = ({ windowKey, slotKey }: NoteItems) => {
      const keys = [slotKey];
      // The window after this one too, near its start: a command's clock may run a little ahead.
      const last = windowOf(now + CLOCK_SKEW_MS);
      for (let w = Math.max(windowOf(since), last - MOST_WINDOWS + 1); w <= last; w++)
        keys.push(windowKey(w));
      return keys;
    };
    const { written, applied } = await this.readNotes(
      keysOf(this.notes(caller)),
      keysOf(this.appliedNotes(caller)),
    );
    // The applied notes only spare waits: without them, each write is waited for through its marker.
    const shown = lastNoted(applied);
    return [...lastNoted(written, since)]
      .filter(([streamId, version]) => (shown.get(streamId) ?? 0) < version)
      .map(([streamId, version]) => ({ streamId, version }));
  }

  /**
   * Both kinds of note items in one BatchGetItem, asking again (a few times, briefly) for what the
   * engine left unprocessed under throttling. A note item still unread fails the query closed (503):
   * answering "no recent writes" would let it skip the caller's own changes.
   */
  private async readNotes(
    noteKeys: Record<string, unknown>[],
    appliedKeys: Record<string, unknown>[],
  ): Promise<{ written: Record<string, unknown>[]; applied: Record<string, unknown>[] }> {
    const written: Record<string, unknown>[] = [];
    const applied: Record<string, unknown>[] = [];
    let pending: BatchRequest | undefined = {
      [this.tableName]: { Keys: noteKeys, ConsistentRead: true },
      [this.viewsTableName]: { Keys: appliedKeys, ConsistentRead: true },
    };
    for (let attempt = 0; pending && attempt < UNPROCESSED_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** (attempt - 1)));
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.client.send(
        new BatchGetCommand({ RequestItems: pending }),
      );
      written.push(...(Responses?.[this.tableName] ?? []));
      applied.push(...(Responses?.[this.viewsTableName] ?? []));
      const left: [string, { Keys?: unknown[] }][] = Object.entries(UnprocessedKeys ?? {}).filter(
        ([, asked]) => (asked.Keys?.length ?? 0) > 0,
      );
      pending = left.length > 0 ? (Object.fromEntries(left) as BatchRequest) : undefined;
    }
    if (pending?.[this.tableName])
      throw new ApplicationError(
        'unavailable',
        'views-behind',
        'your recent changes could not be looked up just now; retry shortly',
      );
    return { written, applied };
  }

  /**
   * Notes each author's applied commits, one per stream a batch (its last). Commits older than a
   * session's window are skipped: no query waits for them (a rebuild replaying the history writes
   * nothing here).
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
      [...last.values()].map((commit) =>
        keepNote(
          this.client,
          this.appliedNotes({ community: commit.community, sub: commit.metadata.actor }),
          {
            s: commit.streamId,
            v: commit.lastVersion,
            at: Date.parse(commit.recordedAt),
          },
          this.fullWindows,
        ),
      ),
    );
  }
}
