import type { Commit, CommitMetadata } from '../../events/index.js';

/** A decided event before it is stored: the decider's output. */
export interface NewEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface AppendCommit {
  readonly community: string;
  readonly streamId: string;
  /** The version the decision was made on; the commit lands at `expectedVersion + 1` or not at all. */
  readonly expectedVersion: number;
  /** Hash of the commit at `expectedVersion` (the genesis hash for a new stream). */
  readonly prevHash: string;
  readonly events: readonly NewEvent[];
  readonly metadata: CommitMetadata;
}

export interface StreamSlice {
  readonly commits: readonly Commit[];
  /** Last version read, or `fromVersion - 1` when nothing followed. */
  readonly version: number;
  readonly headHash: string | undefined;
}

export interface Snapshot {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
  /** Identifies the state's shape; a snapshot of another shape is ignored and the stream is folded. */
  readonly schema: string;
  readonly state: unknown;
}

export interface LatestState {
  readonly snapshot: Snapshot | undefined;
  /** The commits after the snapshot (all of them when there is none). */
  readonly slice: StreamSlice;
}

export interface HistoryPage {
  readonly commits: readonly Commit[];
  /** Pass as `after` to read on; absent when the history is read to its end. */
  readonly nextAfter: string | undefined;
}

/** Thrown by `append` when another commit took the version first. */
export class ConcurrencyConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} moved past version ${expectedVersion}`);
  }
}

/** DynamoDB's hard item limit is 400 KB; every store refuses a commit above this, so none fails for size. */
export const MAX_COMMIT_BYTES = 300 * 1024;

/** Thrown by `append` when a commit's canonical JSON exceeds `MAX_COMMIT_BYTES`; nothing is written. */
export class CommitTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`commit of ${bytes} bytes exceeds ${MAX_COMMIT_BYTES}`);
    this.name = 'CommitTooLarge';
  }
}

export interface EventStore {
  append(commit: AppendCommit): Promise<Commit>;
  readStream(streamId: string, options?: { fromVersion?: number }): Promise<StreamSlice>;
  /**
   * The stream's last version (0 when it has none), from its newest commit: one small read. Where a
   * read from a version past the end only says "nothing from here", this says where the end is.
   */
  head(streamId: string): Promise<number>;
  /**
   * The stream's latest snapshot of the given schema and the commits after it, in one read where
   * the engine allows (snapshots live in the stream's own partition, just after the version they
   * fold): what loading a long stream costs. Without such a snapshot, every commit.
   */
  readLatest(streamId: string, snapshot: { schema: string; every: number }): Promise<LatestState>;
  writeSnapshot(snapshot: Snapshot): Promise<void>;
  /** A community's commits in global order (commit id order), paged. */
  readHistory(query: { community: string; after?: string; limit?: number }): Promise<HistoryPage>;
  /** Every community that has written (a scan: for catch-up and shell tools, never per request). */
  communities(): Promise<string[]>;
}

export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new id, sortable by creation time (ULID). */
  next(at?: Date): string;
}

/**
 * The instants of a command's run where a process can die with something half done. Fault-injection
 * tests hook them to stop a request exactly there, as `kill -9` would; in service they do nothing.
 */
export type CrashPoint = 'claimed' | 'taken-over' | 'appended' | 'answered';
export type CrashHook = (point: CrashPoint) => Promise<void>;
