import { decodeTime, encodeTime } from 'ulid';
import type { Commit } from '../../events/index.js';
import type { EventStore } from '../../functions/app/ports.js';
import { type CommitStreamHandler, streamRecordOf } from '../../functions/streams/commit-stream.js';

/** Commits recorded this long before the checkpoint are re-applied at start (harmless: the projector is idempotent). */
const CATCH_UP_OVERLAP_MS = 60_000;

export interface DispatcherOptions {
  /** The functions mapped to the Events stream on AWS (projector, publisher), by name. */
  readonly consumers: Readonly<Record<string, CommitStreamHandler>>;
  readonly store: EventStore;
  readonly log?: (message: string, extra?: Record<string, unknown>) => void;
}

/**
 * The local stand-in for DynamoDB Streams and its event source mappings: commits are queued as they
 * land and handed, as the stream record Lambda would get, to each consumer in order; a commit a
 * consumer fails is retried (like a stream shard) before later ones, and only for the consumers that
 * failed it; at start it catches up from history, so nothing committed while the server was down is lost.
 */
export class LocalDispatcher {
  private readonly queue: { commit: Commit; pending: Set<string> }[] = [];
  private draining: Promise<void> | undefined;
  private stopped = false;
  private lastApplied: Record<string, string> = {};

  constructor(private readonly options: DispatcherOptions) {}

  enqueue = (commit: Commit): void => {
    this.push(commit);
    this.kick();
  };

  private push(commit: Commit): void {
    this.queue.push({ commit, pending: new Set(Object.keys(this.options.consumers)) });
  }

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
        for (const commit of page.commits) this.push(commit);
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
      const { commit, pending } = this.queue[0]!;
      const event = { Records: [streamRecordOf(commit)] };
      for (const name of [...pending]) {
        try {
          const answer = await this.options.consumers[name]!(event);
          if (answer.batchItemFailures.length === 0) pending.delete(name);
          else throw new Error('reported the record failed');
        } catch (error) {
          failures++;
          this.options.log?.(`${name} failed; retrying`, {
            streamId: commit.streamId,
            error: String(error),
            failures,
          });
        }
      }
      if (pending.size > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 50 * 2 ** failures)));
        continue;
      }
      this.queue.shift();
      failures = 0;
      const previous = this.lastApplied[commit.community];
      if (!previous || previous < commit.commitId) this.lastApplied[commit.community] = commit.commitId;
    }
  }
}
