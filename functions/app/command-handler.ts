import { type Decider, fold } from '../../domain/shared/decider.js';
import { type DomainError, isDomainError } from '../../domain/shared/errors.js';
import { type CommitMetadata, decodeEvent, GENESIS_HASH, refuseUnsealed } from '../../events/index.js';
import { appErrors } from './errors.js';
import type { IdempotentRun } from './idempotency.js';
import { type Clock, ConcurrencyConflict, type CrashHook, type EventStore } from './ports.js';
import type { Position } from './position.js';
import type { NoteWrite } from './session-writes.js';

/** How often a long-lived stream leaves a snapshot, so loading it never folds more than this many versions. */
export interface SnapshotPolicy {
  /** Names the state's shape; bump it when the state type changes and old snapshots are ignored. */
  readonly schema: string;
  readonly every: number;
}

/** A command made from the stream's state as loaded (it may read other streams it names). */
export type CommandBuilder<C, S> = (state: S, version: number) => C | DomainError | Promise<C | DomainError>;

export interface CommandRequest<C, S, E> {
  readonly decider: Decider<C, S, E>;
  readonly community: string;
  readonly streamId: string;
  /**
   * Builds the command from the loaded state (for commands that need facts from the stream, or
   * facts of other streams the state names: then the stream is read once, not once to find them).
   */
  readonly command: C | CommandBuilder<C, S>;
  readonly metadata: CommitMetadata;
  /** From `If-Match`: the decision is appended only if the stream is still at this version. */
  readonly expectedVersion?: number;
  readonly snapshots?: SnapshotPolicy;
  /** The Idempotency-Key the command runs under: recorded with the commit, and found again on a takeover. */
  readonly idempotency?: IdempotentRun;
  /**
   * The stream is named by an id this request made up, so it has no commits: the command is decided
   * on the initial state and appended at version 0 with no read (a lost race falls back to a read).
   */
  readonly fresh?: boolean;
  /**
   * Notes the commit in its caller's session: sent beside the append (one round trip, not two). The
   * position is known before the append (the loaded version plus the events decided).
   */
  readonly noteWrite?: NoteWrite;
}

export interface CommandAccepted {
  readonly streamId: string;
  readonly version: number;
  readonly events: readonly { eventId: string; type: string }[];
}

export interface LoadedState<S> {
  readonly state: S;
  readonly version: number;
  readonly headHash: string;
}

export interface CommandServiceOptions {
  readonly store: EventStore;
  /** Attempts after lost races before answering 409. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onSnapshotError?: (error: unknown) => void;
  readonly clock?: Clock;
  readonly crashHook?: CrashHook;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** For callers that inject no clock (tests that only load): every instant still comes through the port. */
const wallClock: Clock = { now: () => new Date() };

/** load → fold → decide → append, retried on a lost race. Handlers never touch the store directly. */
export class CommandService {
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly clock: Clock;

  constructor(private readonly options: CommandServiceOptions) {
    this.maxAttempts = options.maxAttempts ?? 12;
    this.sleep = options.sleep ?? defaultSleep;
    this.clock = options.clock ?? wallClock;
  }

  async load<S, E>(
    decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>,
    streamId: string,
    snapshots?: SnapshotPolicy,
  ): Promise<LoadedState<S>> {
    const { store } = this.options;
    // One read either way: the whole (short) stream, or a long stream's snapshot and its tail.
    const { snapshot: usable, slice } = snapshots
      ? await store.readLatest(streamId, snapshots)
      : { snapshot: undefined, slice: await store.readStream(streamId) };
    const events = slice.commits.flatMap((commit) =>
      commit.events.map(
        (event) =>
          ({ type: event.type, data: decodeEvent(event.type, event.schemaVersion, event.data) }) as E,
      ),
    );
    const state = fold(decider, events, usable ? (usable.state as S) : undefined);
    return {
      state,
      version: slice.commits.length > 0 ? slice.version : (usable?.version ?? 0),
      headHash: slice.headHash ?? usable?.hash ?? GENESIS_HASH,
    };
  }

  async execute<C, S, E extends { type: string; data: unknown }>(
    request: CommandRequest<C, S, E>,
  ): Promise<CommandAccepted | DomainError> {
    const { idempotency } = request;
    if (idempotency?.recoverSince) {
      // A takeover: the holder that died may have appended already. Its commit is the answer.
      const committed = await this.findCommitted(request.streamId, idempotency.key, idempotency.recoverSince);
      if (committed) return committed;
    }
    for (let attempt = 1; ; attempt++) {
      const loaded =
        attempt === 1 && request.fresh && !idempotency?.recoverSince
          ? { state: request.decider.initialState, version: 0, headHash: GENESIS_HASH }
          : await this.load(request.decider, request.streamId, request.snapshots);
      if (request.expectedVersion !== undefined && request.expectedVersion !== loaded.version) {
        throw appErrors.versionMismatch(request.streamId, request.expectedVersion, loaded.version);
      }
      const command =
        typeof request.command === 'function'
          ? await (request.command as CommandBuilder<C, S>)(loaded.state, loaded.version)
          : request.command;
      if (isDomainError(command)) return command;
      const decision = request.decider.decide(command, loaded.state);
      if (isDomainError(decision)) return decision;
      if (decision.length === 0) return { streamId: request.streamId, version: loaded.version, events: [] };
      for (const event of decision) refuseUnsealed(event.type, event.data);
      // A run beside its claim read without it: it appends only once the key is its own.
      await idempotency?.won?.();
      if (idempotency && this.clock.now().getTime() >= idempotency.appendBefore) {
        // Past this instant a retry may take the key over; appending now could commit twice.
        throw appErrors.claimExpired();
      }
      try {
        const appending = this.options.store.append({
          community: request.community,
          streamId: request.streamId,
          expectedVersion: loaded.version,
          prevHash: loaded.headHash,
          events: decision,
          metadata: request.metadata,
        });
        const commit = await this.appendNoted(appending, request.noteWrite, {
          streamId: request.streamId,
          version: loaded.version + decision.length,
        });
        await this.options.crashHook?.('appended');
        await this.maybeSnapshot(request, loaded, decision, commit.lastVersion, commit.hash);
        return {
          streamId: request.streamId,
          version: commit.lastVersion,
          events: commit.events.map(({ eventId, type }) => ({ eventId, type })),
        };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
        // With If-Match the caller decided on a version that is gone: say so rather than re-deciding.
        if (request.expectedVersion !== undefined) {
          const current = await this.options.store.readStream(request.streamId, {
            fromVersion: loaded.version + 1,
          });
          throw appErrors.versionMismatch(request.streamId, request.expectedVersion, current.version);
        }
        if (attempt >= this.maxAttempts) throw appErrors.contention(request.streamId);
        // Full jitter: concurrent losers spread out instead of colliding again in lockstep.
        await this.sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
      }
    }
  }

  /**
   * The append and the session note in flight together. The commit decides the outcome: whatever
   * became of the note, a refused or failed append is this attempt's outcome (a note of a commit
   * that never landed names a version the stream never reaches, which a query's wait drops). A
   * note that failed beside a landed commit is sent once more after it: the caller must read it.
   */
  private async appendNoted<T>(appending: Promise<T>, noteWrite: NoteWrite | undefined, position: Position) {
    if (!noteWrite) return appending;
    const [appended, noted] = await Promise.allSettled([appending, noteWrite(position)]);
    if (appended.status === 'rejected') throw appended.reason;
    if (noted.status === 'rejected') await noteWrite(position);
    return appended.value;
  }

  /** The commit of this stream that carries the key, recorded since the key was first claimed. */
  private async findCommitted(
    streamId: string,
    key: string,
    since: string,
  ): Promise<CommandAccepted | undefined> {
    const { commits } = await this.options.store.readStream(streamId);
    const commit = commits.find((c) => c.metadata.idempotencyKey === key && c.recordedAt >= since);
    if (!commit) return undefined;
    return {
      streamId,
      version: commit.lastVersion,
      events: commit.events.map(({ eventId, type }) => ({ eventId, type })),
    };
  }

  private async maybeSnapshot<C, S, E>(
    request: CommandRequest<C, S, E>,
    loaded: LoadedState<S>,
    decided: readonly E[],
    version: number,
    hash: string,
  ): Promise<void> {
    const policy = request.snapshots;
    if (!policy) return;
    if (Math.floor(version / policy.every) === Math.floor(loaded.version / policy.every)) return;
    const state = fold(request.decider, decided, loaded.state);
    try {
      await this.options.store.writeSnapshot({
        streamId: request.streamId,
        version,
        hash,
        schema: policy.schema,
        state,
      });
    } catch (error) {
      // A missing snapshot only costs a longer fold next time; the commit itself has landed.
      this.options.onSnapshotError?.(error);
    }
  }
}
