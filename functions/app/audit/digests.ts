import { createHash } from 'node:crypto';
import type { LedgerState } from '../../../domain/reports/report.js';
import type { Commit } from '../../../events/index.js';
import { GENESIS_LEDGER, LedgerTrail } from './ledger-digest.js';
import type { LedgerMark } from './ledger-marks.js';

export const GENESIS_DIGEST = '0'.repeat(64);

/** `yyyy-mm-dd` of the UTC day before. */
export const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 1).toISOString().slice(0, 10);

export interface DailyDigest {
  /** UTC day, `yyyy-mm-dd`. */
  readonly day: string;
  /** Heads of the streams that changed that day: streamId, last version, hash. */
  readonly heads: readonly { streamId: string; version: number; hash: string }[];
  readonly previous: string;
  readonly digest: string;
  /**
   * The ledger's running state after the day's last commit (outside the digest's own hash): the
   * checkpoint a report and `verify --since` start from instead of the beginning. Absent on digests
   * written before it was kept.
   */
  readonly ledger?: LedgerState;
}

/** Whether two ledger states are the same (a kept one checked against the one recomputed). */
export const sameLedger = (a: LedgerState, b: LedgerState | undefined): boolean =>
  a.through === b?.through && a.commits === b.commits && a.digest === b.digest;

/** The finding of a daily digest whose kept ledger state is not the one its history gives. */
export const ledgerMismatch = (day: string) => ({
  streamId: `digest ${day}`,
  version: 0,
  reason: 'ledger mismatch',
  detail: "the ledger state kept with that day's digest is not the one its history gives",
});

/** Where a chain of digests goes on from: the last digest written and the ledger state it kept. */
export interface DigestChainStart {
  readonly previous: string;
  readonly ledger: LedgerState;
}

/** `digest = sha256(previous + day + each changed stream's head, sorted)`: a chain auditors keep outside. */
export function digestOf(day: string, heads: DailyDigest['heads'], previous: string): string {
  const text = [...heads]
    .sort((a, b) => (a.streamId < b.streamId ? -1 : 1))
    .map((h) => `${h.streamId}\t${h.version}\t${h.hash}`)
    .join('\n');
  return createHash('sha256').update(previous).update(day).update(text).digest('hex');
}

/** The day's heads from its commits (the last commit of each stream that day). */
export function headsOfDay(commits: readonly Commit[]): DailyDigest['heads'] {
  const heads = new Map<string, { streamId: string; version: number; hash: string }>();
  for (const c of commits) {
    const known = heads.get(c.streamId);
    if (!known || known.version < c.lastVersion)
      heads.set(c.streamId, { streamId: c.streamId, version: c.lastVersion, hash: c.hash });
  }
  return [...heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
}

/**
 * The running ledger state at the end of each day, in global order (by the commit id's instant, as
 * a report reads the history after a digest's day): the checkpoint each digest keeps.
 */
function ledgerByDay(commits: readonly Commit[], start?: LedgerState): (day: string) => LedgerState {
  const trail = new LedgerTrail(undefined, start ?? GENESIS_LEDGER);
  const days: [string, LedgerState][] = [];
  for (const commit of commits) {
    trail.add(commit);
    // The instant a commit's id is taken from (a damaged id must not stop the count).
    const day = commit.recordedAt.slice(0, 10);
    if (days.at(-1)?.[0] === day) days.at(-1)![1] = trail.state;
    else days.push([day, trail.state]);
  }
  // The state after the last commit whose id falls on or before the day.
  return (day) => days.findLast(([d]) => d <= day)?.[1] ?? start ?? GENESIS_LEDGER;
}

/**
 * Groups a community's commits (global order) by UTC day and chains each day's digest to the one
 * before, from the start of the history or from `start` (the commits then being those after its day).
 */
export function chainDigests(
  commits: readonly Commit[],
  until?: string,
  start?: DigestChainStart,
): DailyDigest[] {
  const byDay = new Map<string, Commit[]>();
  for (const c of commits) {
    const day = c.recordedAt.slice(0, 10);
    if (until && day > until) continue;
    const list = byDay.get(day);
    if (list) list.push(c);
    else byDay.set(day, [c]);
  }
  const out: DailyDigest[] = [];
  let previous = start?.previous ?? GENESIS_DIGEST;
  const ledgerAt = ledgerByDay(commits, start?.ledger);
  for (const day of [...byDay.keys()].sort()) {
    const heads = headsOfDay(byDay.get(day)!);
    const digest = digestOf(day, heads, previous);
    out.push({ day, heads, previous, digest, ledger: ledgerAt(day) });
    previous = digest;
  }
  return out;
}

/**
 * Where the daily digests are kept (the Events table, on AWS: `adapters/dynamodb-digest-store.ts`):
 * written once per day that has ended, never changed.
 */
export interface DigestStore {
  /** A community's digests, oldest first (those of the days after `afterDay` when it is given). */
  list(community: string, afterDay?: string): Promise<DailyDigest[]>;
  /** The newest digest written (one read): where the ledger's kept state stands. */
  latest(community: string): Promise<DailyDigest | undefined>;
  /** Keeps a report's ledger mark (ledger-marks.ts), under its digest; keeping it again changes nothing. */
  keepMark(community: string, mark: LedgerMark): Promise<void>;
  /** The mark kept under a digest, if any (as written: never trusted before it is re-checked). */
  findMark(community: string, digest: string): Promise<LedgerMark | undefined>;
  /** The last day whose digest is written (or that had no commits): the daily job skips a community that is done. */
  digestedThrough(community: string): Promise<string | undefined>;
  /**
   * Writes the digests of the days not yet written (only days that have ended, before `today`), from
   * the whole history, or from the commits after the day of `start`, the last digest written.
   */
  writeMissing(
    community: string,
    commits: readonly Commit[],
    today: string,
    start?: DigestChainStart & { readonly day: string },
  ): Promise<DailyDigest[]>;
}
