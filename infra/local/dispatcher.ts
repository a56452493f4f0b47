import { decodeTime, encodeTime } from 'ulid';
import type { Commit } from '../../events/index.js';
import type { EventStore } from '../../functions/app/ports.js';
import { type CommitStreamHandler, streamRecordOf } from '../../functions/streams/commit-stream.js';
import { type CheckpointFile, type CommunityCheckpoint, noCheckpoints } from './checkpoint-file.js';

/**
 * A commit's id is made just before its write lands, so a commit can land after one with a later id
 * was applied. At start, history is re-read from this long before the checkpoint; what the
 * checkpoint lists as applied in that window is skipped, so nothing is delivered twice needlessly.
 */
const OVERLAP_MS = 5_000;
/** How often, at most, the checkpoint is saved while commits flow: what a `kill -9` re-delivers. */
const SAVE_EVERY_MS = 250;
/** Records per consumer invocation, as the CDK app's stream mappings are configured. */
const BATCH_SIZE = 100;

export interface DispatcherOptions {
  /** The functions mapped to the Events stream on AWS (projector, publisher), by name. */
  readonly consumers: Readonly<Record<string, CommitStreamHandler>>;
  readonly store: EventStore;
  readonly checkpoint?: CheckpointFile;
  readonly log?: (message: string, extra?: Record<string, unknown>) => void;
  /** Tests: hold each batch this long, as a stream mapping's batching window or a busy projector would. */
  readonly delayMs?: number;
}

/**
 * The local stand-in for DynamoDB Streams and its event source mappings: commits are queued as they
 * land and handed, as the stream record Lambda would get, to each consumer in order; a commit a
 * consumer fails is retried (like a stream shard) before later ones, and only for the consumers that
 * failed it. At start it catches up from history after its saved checkpoint, in the background, so
 * nothing committed while the server was down is lost and start-up does not grow with history.
 * Delivery is at least once: consumers dedupe (the projector by version, bus readers by `eventId`).
 */
export class LocalDispatcher {
  private readonly queue: { commit: Commit; pending: Set<string> }[] = [];
  private draining: Promise<void> | undefined;
  private catchingUp: Promise<number> | undefined;
  /** Commits that landed while history was being read: applied after it, unless it held them. */
  private held: Commit[] = [];
  private holding = false;
  private stopped = false;
  /** Stopping: a batch that fails is left for the next start instead of retried. */
  private stopping = false;
  private readonly applied = new Map<string, { through: string; recent: string[] }>();
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DispatcherOptions) {}

  enqueue = (commit: Commit): void => {
    if (this.holding) {
      this.held.push(commit);
      return;
    }
    this.push(commit);
    this.kick();
  };

  private push(commit: Commit): void {
    this.queue.push({ commit, pending: new Set(Object.keys(this.options.consumers)) });
  }

  /** Starts catching up from the saved checkpoint and returns at once; `idle()` waits for it. */
  start(): void {
    const saved = (this.options.checkpoint ?? noCheckpoints).load();
    for (const [community, checkpoint] of Object.entries(saved))
      this.applied.set(community, { through: checkpoint.through, recent: [...checkpoint.recent] });
    this.holding = true;
    this.catchingUp = this.catchUp(saved).finally(() => {
      this.releaseHeld(new Set());
      this.catchingUp = undefined;
    });
    this.catchingUp.catch((error) => this.options.log?.('catch-up failed', { error: String(error) }));
  }

  private async catchUp(saved: Readonly<Record<string, CommunityCheckpoint>>): Promise<number> {
    const communities = await this.options.store.communities();
    const pushed = new Set<string>();
    for (const community of communities) {
      const checkpoint = saved[community];
      const alreadyApplied = new Set(checkpoint?.recent ?? []);
      // The smallest id of that millisecond: time part, then zeros.
      let after = checkpoint
        ? encodeTime(Math.max(0, decodeTime(checkpoint.through) - OVERLAP_MS), 10) + '0'.repeat(16)
        : undefined;
      for (;;) {
        const page = await this.options.store.readHistory({ community, after, limit: 500 });
        for (const commit of page.commits) {
          if (alreadyApplied.has(commit.commitId)) continue;
          this.push(commit);
          pushed.add(commit.commitId);
        }
        this.kick();
        if (!page.nextAfter) break;
        after = page.nextAfter;
        await this.drained();
      }
    }
    this.releaseHeld(pushed);
    await this.drained();
    return pushed.size;
  }

  /** Live commits held during the catch-up go after history, but for those history already held. */
  private releaseHeld(pushed: ReadonlySet<string>): void {
    if (!this.holding) return;
    this.holding = false;
    for (const commit of this.held) if (!pushed.has(commit.commitId)) this.push(commit);
    this.held = [];
    this.kick();
  }

  /** The last commit id applied per community, and the ids applied just before it. */
  checkpoints(): Record<string, CommunityCheckpoint> {
    return Object.fromEntries(
      [...this.applied].map(([community, { through, recent }]) => [
        community,
        { through, recent: [...recent] },
      ]),
    );
  }

  /** Resolves when history is caught up and every queued commit has been applied. */
  async idle(): Promise<void> {
    if (this.catchingUp) await this.catchingUp.catch(() => undefined);
    await this.drained();
  }

  private async drained(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    // What is delivered finishes; what fails stays after the checkpoint and comes at the next start
    // (a consumer that keeps failing must not hold the process up forever).
    this.stopping = true;
    await this.idle();
    this.stopped = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.save();
  }

  private kick(): void {
    if (this.draining || this.stopped) return;
    this.draining = this.drain()
      .catch((error) => {
        this.options.log?.('dispatcher stopped delivering', { error: String(error) });
        return false;
      })
      .then((gaveUp) => {
        this.draining = undefined;
        if (this.queue.length > 0 && !gaveUp) this.kick();
      });
  }

  /** Delivers until the queue is empty; true when it gave up on a failing batch to stop. */
  private async drain(): Promise<boolean> {
    let failures = 0;
    while (this.queue.length > 0 && !this.stopped) {
      // Like an event source mapping: up to BATCH_SIZE records per invocation, each consumer on its
      // own, in parallel; a consumer's failed records (and all after them) stay pending for it alone.
      if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
      const batch = this.queue.slice(0, BATCH_SIZE);
      const failed = await Promise.all(
        Object.entries(this.options.consumers).map(([name, consume]) => this.deliver(name, consume, batch)),
      );
      while (this.queue.length > 0 && this.queue[0]!.pending.size === 0) {
        const { commit } = this.queue.shift()!;
        this.markApplied(commit);
      }
      this.scheduleSave();
      if (failed.some(Boolean)) {
        if (this.stopping) return true;
        failures++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 50 * 2 ** failures)));
      } else failures = 0;
    }
    return false;
  }

  /** One invocation of one consumer; true when it failed some of the batch. */
  private async deliver(
    name: string,
    consume: CommitStreamHandler,
    batch: readonly { commit: Commit; pending: Set<string> }[],
  ): Promise<boolean> {
    const mine = batch.filter((entry) => entry.pending.has(name));
    if (mine.length === 0) return false;
    let retryFrom = mine.length;
    try {
      const answer = await consume({ Records: mine.map((entry) => streamRecordOf(entry.commit)) });
      const failedIds = new Set(answer.batchItemFailures.map((f) => f.itemIdentifier));
      const first = mine.findIndex((entry) => failedIds.has(entry.commit.commitId));
      if (first >= 0) retryFrom = first;
    } catch (error) {
      retryFrom = 0;
      this.options.log?.(`${name} failed; retrying`, { error: String(error) });
    }
    for (const entry of mine.slice(0, retryFrom)) entry.pending.delete(name);
    if (retryFrom < mine.length) {
      this.options.log?.(`${name} failed; retrying from a commit`, {
        streamId: mine[retryFrom]!.commit.streamId,
      });
      return true;
    }
    return false;
  }

  /**
   * Ids arrive almost in order, so the window is trimmed from its oldest end: O(1) per commit, where
   * filtering the whole window on every commit cost a few percent of a burst's CPU. An id landing
   * late may outstay the window a little; listing an applied id longer only skips it at start.
   */
  private markApplied(commit: Commit): void {
    const window = this.applied.get(commit.community) ?? { through: commit.commitId, recent: [] };
    if (commit.commitId > window.through) window.through = commit.commitId;
    window.recent.push(commit.commitId);
    const floor = decodeTime(window.through) - OVERLAP_MS;
    let stale = 0;
    while (stale < window.recent.length - 1 && decodeTime(window.recent[stale]!) < floor) stale++;
    if (stale > 0) window.recent.splice(0, stale);
    this.applied.set(commit.community, window);
  }

  /** Saves the checkpoint as commits flow (at most every SAVE_EVERY_MS), so a crash re-delivers moments, not history. */
  private scheduleSave(): void {
    if (!this.options.checkpoint || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, SAVE_EVERY_MS);
    this.saveTimer.unref();
  }

  private save(): void {
    try {
      this.options.checkpoint?.save(this.checkpoints());
    } catch (error) {
      this.options.log?.('checkpoint not saved', { error: String(error) });
    }
  }
}
