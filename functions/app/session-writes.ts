import type { Position } from './position.js';

/** Who is reading or writing: session consistency is per caller (community and subject). */
export interface Caller {
  readonly community: string;
  readonly sub: string;
}

/**
 * A caller's recent commits, so their queries can wait for the views to show them: read-your-writes
 * with no parameter (API.md, session consistency). Commands record; queries read.
 */
/**
 * Notes a write in its caller's session (read-your-writes), made beside the commit it names rather
 * than after it: a position noted for a commit that then fails is one the views never reach, and a
 * query's wait drops it once the stream shows it does not exist.
 */
export type NoteWrite = (position: Position) => Promise<void>;

export interface SessionWrites {
  record(caller: Caller, position: Position): Promise<void>;
  /**
   * Positions the caller wrote within the last `withinMs` that the views may still be behind: those
   * the projector has noted applied (`AppliedWrites`) are left out, read in the same round trip.
   */
  recent(caller: Caller, withinMs: number): Promise<Position[]>;
}

/** What the projector tells of a commit it has applied (views and marker written). */
export interface AppliedCommit {
  readonly community: string;
  readonly streamId: string;
  readonly lastVersion: number;
  readonly recordedAt: string;
  readonly metadata: { readonly actor: string };
}

/**
 * The projector's side of read-your-writes: after a commit's views are written, it notes the commit
 * applied beside its author's session, so their next query learns it from the same read that
 * names their writes, with no read of each stream's marker (one round trip, not two).
 */
export interface AppliedWrites {
  applied(commits: readonly AppliedCommit[]): Promise<void>;
}

/** How long a write counts as recent: the projector keeps up within a second or two. */
export const SESSION_WINDOW_MS = 15_000;
