import { monotonicFactory } from 'ulid';
import type { Commit } from '../../events/index.js';
import {
  type AppendCommit,
  type Clock,
  ConcurrencyConflict,
  type EventStore,
  type HistoryPage,
  type Ids,
  type LatestState,
  type Snapshot,
  type StreamSlice,
} from '../app/ports.js';
import { sealCommit } from './commit-item.js';

/** A stored commit: its canonical JSON (the hashed text, parsed afresh on every read) and its chain. */
interface StoredCommit {
  readonly commitId: string;
  readonly community: string;
  readonly firstVersion: number;
  readonly lastVersion: number;
  readonly json: string;
  readonly prevHash: string;
  readonly hash: string;
}

interface StoredStream {
  /** Ordered by version; an append lands only at the next version. */
  readonly commits: StoredCommit[];
  /** By the version they fold: one per version, the last write wins (as a PutItem at `v + ½` does). */
  readonly snapshots: Map<number, { schema: string; hash: string; state: string }>;
}

export interface InMemoryEventStoreOptions {
  readonly clock: Clock;
  readonly ids?: Ids;
  /** Called after each successful append, as the DynamoDB store's stand-in for Streams is. */
  readonly onCommitted?: (commit: Commit) => void;
}

function commitOf(stored: StoredCommit): Commit {
  return { ...JSON.parse(stored.json), prevHash: stored.prevHash, hash: stored.hash };
}

function sliceOf(commits: readonly StoredCommit[], emptyVersion: number): StreamSlice {
  const last = commits.at(-1);
  return {
    commits: commits.map(commitOf),
    version: last ? last.lastVersion : emptyVersion,
    headHash: last?.hash,
  };
}

/**
 * The EventStore port in memory, with the DynamoDB store's semantics (the same contract suite runs
 * on both): one commit per append at `expectedVersion + 1` or a `ConcurrencyConflict`, the same
 * sealed bodies and hash chains, snapshots beside commits but out of the history, a community's
 * history in commit-id order. For tests of use cases and projections that need no engine.
 */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredStream>();
  private readonly knownCommunities = new Set<string>();
  private readonly ids: Ids;

  constructor(private readonly options: InMemoryEventStoreOptions) {
    const next = monotonicFactory();
    this.ids = options.ids ?? { next: (at?: Date) => next(at?.getTime()) };
  }

  async append(request: AppendCommit): Promise<Commit> {
    const recordedAt = this.options.clock.now();
    const { body, json, hash } = sealCommit(request, recordedAt, this.ids);
    // Check and write with no await between them: concurrent appends at one version see one winner.
    const stream = this.streamOf(request.streamId);
    const head = stream.commits.at(-1)?.lastVersion ?? 0;
    if (head !== request.expectedVersion)
      throw new ConcurrencyConflict(request.streamId, request.expectedVersion);
    this.knownCommunities.add(request.community);
    stream.commits.push({
      commitId: body.commitId,
      community: body.community,
      firstVersion: body.firstVersion,
      lastVersion: body.lastVersion,
      json,
      prevHash: request.prevHash,
      hash,
    });
    const commit: Commit = { ...body, prevHash: request.prevHash, hash };
    this.options.onCommitted?.(commit);
    return commit;
  }

  async readStream(streamId: string, options: { fromVersion?: number } = {}): Promise<StreamSlice> {
    const fromVersion = options.fromVersion ?? 1;
    const commits = this.streams.get(streamId)?.commits ?? [];
    return sliceOf(
      commits.filter((c) => c.firstVersion >= fromVersion),
      fromVersion - 1,
    );
  }

  async head(streamId: string): Promise<number> {
    return this.streams.get(streamId)?.commits.at(-1)?.lastVersion ?? 0;
  }

  async readLatest(streamId: string, wanted: { schema: string; every: number }): Promise<LatestState> {
    const stream = this.streams.get(streamId);
    let snapshot: Snapshot | undefined;
    for (const [version, stored] of stream?.snapshots ?? []) {
      if (stored.schema !== wanted.schema || (snapshot && snapshot.version > version)) continue;
      snapshot = {
        streamId,
        version,
        hash: stored.hash,
        schema: stored.schema,
        state: JSON.parse(stored.state),
      };
    }
    const base = snapshot?.version ?? 0;
    const tail = (stream?.commits ?? []).filter((c) => c.firstVersion > base);
    return { snapshot, slice: sliceOf(tail, base) };
  }

  async writeSnapshot(snapshot: Snapshot): Promise<void> {
    this.streamOf(snapshot.streamId).snapshots.set(snapshot.version, {
      schema: snapshot.schema,
      hash: snapshot.hash,
      // Stored as JSON, as the DynamoDB store does: a reader never shares the writer's object.
      state: JSON.stringify(snapshot.state),
    });
  }

  async readHistory(query: { community: string; after?: string; limit?: number }): Promise<HistoryPage> {
    const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
    const after = query.after;
    const matching = [...this.streams.values()]
      .flatMap((s) => s.commits)
      .filter((c) => c.community === query.community && (after === undefined || c.commitId > after))
      .sort((a, b) => (a.commitId < b.commitId ? -1 : a.commitId > b.commitId ? 1 : 0))
      .slice(0, limit)
      .map(commitOf);
    const full = matching.length >= limit;
    return { commits: matching, nextAfter: full ? matching.at(-1)!.commitId : undefined };
  }

  async communities(): Promise<string[]> {
    return [...this.knownCommunities].sort();
  }

  private streamOf(streamId: string): StoredStream {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { commits: [], snapshots: new Map() };
      this.streams.set(streamId, stream);
    }
    return stream;
  }
}
