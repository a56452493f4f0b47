import { decodeTime, encodeTime } from 'ulid';
import type { Commit } from '../../events/index.js';
import type { EventStore } from '../../functions/app/ports.js';
import type { Projector } from '../../functions/projector/projector.js';

/** Commits recorded this long before the checkpoint are re-applied at start (harmless: the projector is idempotent). */
const CATCH_UP_OVERLAP_MS = 60_000;

export interface DispatcherOptions {
  readonly projector: Projector;
  readonly store: EventStore;
  readonly log?: (message: string, extra?: Record<string, unknown>) => void;
}

/**
 * The local stand-in for DynamoDB Streams + the projector Lambda: commits are queued as they land
 * and applied in order; a failed commit is retried (like a stream shard) before later ones; at start
 * it catches up from history, so nothing committed while the server was down is lost.
 */
export class LocalDispatcher {
  private readonly queue: Commit[] = [];
  private draining: Promise<void> | undefined;
  private stopped = false;
  private lastApplied: Record<string, string> = {};

  constructor(private readonly options: DispatcherOptions) {}

  enqueue = (commit: Commit): void => {
    this.queue.push(commit);
    this.kick();
  };

  /** Replays every community's history from a little before what was applied last time. */
  async catchUp(checkpoints: Record<string, string>): Promise<number> {
    const communities = await this.options.store.communities();
    let replayed = 0;
    for (const community of communities) {
      const checkpoint = checkpoints[community];
      // The smallest id of that millisecond: time part, then zeros.
      let after = checkpoint
        ? encodeTime(Math.max(0, decodeTime(checkpoint) - CATCH_UP_OVERLAP_MS), 10) + '0'.repeat(16)
        : undefined;
      for (;;) {
        const page = await this.options.store.readHistory({ community, after, limit: 500 });
        for (const commit of page.commits) this.queue.push(commit);
        replayed += page.commits.length;
        if (!page.nextAfter) break;
        after = page.nextAfter;
        await this.idle();
      }
    }
    this.kick();
    await this.idle();
    return replayed;
  }

  /** The last commit id applied per community: saved on stop, handed back to `catchUp` at start. */
  checkpoints(): Record<string, string> {
    return { ...this.lastApplied };
  }

  /** Resolves when every queued commit has been applied. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    await this.idle();
    this.stopped = true;
  }

  private kick(): void {
    if (this.draining || this.stopped) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (this.queue.length > 0 && !this.stopped) {
      const commit = this.queue[0]!;
      try {
        await this.options.projector.applyCommit(commit);
        this.queue.shift();
        failures = 0;
        const previous = this.lastApplied[commit.community];
        if (!previous || previous < commit.commitId) this.lastApplied[commit.community] = commit.commitId;
      } catch (error) {
        failures++;
        this.options.log?.('projector failed; retrying', {
          streamId: commit.streamId,
          error: String(error),
          failures,
        });
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 50 * 2 ** failures)));
      }
    }
  }
}
