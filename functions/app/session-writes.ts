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
export interface SessionWrites {
  record(caller: Caller, position: Position): Promise<void>;
  /** Positions the caller wrote within the last `withinMs` (the views may still be behind them). */
  recent(caller: Caller, withinMs: number): Promise<Position[]>;
}
