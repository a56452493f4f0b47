import type { LedgerState } from '../../../domain/reports/report.js';
import type { Commit } from '../../../events/index.js';
import { nextLedgerDigest } from './ledger-digest.js';

/**
 * How long after its id was taken a commit may still become visible in the global order (its
 * PutItem in flight, the index catching up; on AWS well under a second). A commit recorded longer
 * ago than this is visible: the ledger's order through it can no longer change.
 */
export const SETTLE_MS = 5_000;

/** A commit a mark lists: its stream and the last version it wrote (the item the ledger holds). */
export interface CommitRef {
  readonly streamId: string;
  readonly version: number;
}

/**
 * What a report keeps when it read commits recorded so recently that an earlier-id commit may still
 * have been in flight: the ledger in commit-id order may then never pass through the digest it names
 * (it read B, A landed later). The mark says how the digest was made, so it can be found again: from
 * `settled` (a state the ledger does pass through), the listed commits chained in this order.
 * Nothing in it is trusted: verification re-reads each commit and re-chains them.
 */
export interface LedgerMark extends LedgerState {
  readonly settled: LedgerState;
  readonly refs: readonly CommitRef[];
}

const instantOf = (commit: Commit) => Date.parse(commit.recordedAt);

/**
 * The mark of a ledger state read from `start` over `read` (commit-id order) at `asOf`, or none when
 * every commit read had settled (its digest is then one the ledger passes through for good).
 */
export function markOf(start: LedgerState, read: readonly Commit[], asOf: Date): LedgerMark | undefined {
  const unsettled = read.findIndex((c) => instantOf(c) > asOf.getTime() - SETTLE_MS);
  if (unsettled < 0) return undefined;
  let settled = start;
  for (const commit of read.slice(0, unsettled))
    settled = {
      through: commit.recordedAt,
      commits: settled.commits + 1,
      digest: nextLedgerDigest(settled.digest, commit),
    };
  let state = settled;
  for (const commit of read.slice(unsettled))
    state = {
      through: commit.recordedAt,
      commits: state.commits + 1,
      digest: nextLedgerDigest(state.digest, commit),
    };
  return {
    ...state,
    settled,
    refs: read.slice(unsettled).map((c) => ({ streamId: c.streamId, version: c.lastVersion })),
  };
}

/**
 * The state a mark names, if it holds: `after` are the ledger's commits after its settled state
 * (located by the caller); each listed commit must be one of them, listed once, in commit-id order,
 * what it leaves out before its last one must have been in flight then (inFlightTogether), and
 * chaining them from the settled state must give the mark's digest, count and instant.
 */
export function markHolds(mark: LedgerMark, after: readonly Commit[]): LedgerState | undefined {
  if (!Array.isArray(mark.refs) || typeof mark.settled?.digest !== 'string') return undefined;
  const byRef = new Map(after.map((c) => [`${c.streamId}\t${c.lastVersion}`, c]));
  const used = new Set<string>();
  let state: LedgerState = mark.settled;
  let previous = '';
  for (const ref of mark.refs) {
    const key = `${ref.streamId}\t${ref.version}`;
    const commit = byRef.get(key);
    // A report chains what it read in commit-id order: listed otherwise, it is not what a report made.
    if (!commit || used.has(key) || commit.commitId <= previous) return undefined;
    used.add(key);
    previous = commit.commitId;
    state = {
      through: commit.recordedAt,
      commits: state.commits + 1,
      digest: nextLedgerDigest(state.digest, commit),
    };
  }
  const named = { through: mark.through, commits: mark.commits, digest: mark.digest };
  return mark.refs.length > 0 &&
    inFlightTogether(after, previous) &&
    state.digest === named.digest &&
    state.commits === named.commits &&
    state.through === named.through
    ? named
    : undefined;
}

/**
 * What a report can have left out: a commit after its settled state and before its last listed one
 * was in flight as that one was recorded, so every commit up to it (listed or not) lies within
 * SETTLE_MS of it. An older one would have been visible: a mark leaving it out is not a report's.
 */
function inFlightTogether(after: readonly Commit[], lastId: string): boolean {
  const last = after.find((c) => c.commitId === lastId);
  if (!last) return false;
  return after
    .filter((c) => c.commitId <= lastId)
    .every((c) => Math.abs(instantOf(last) - instantOf(c)) <= SETTLE_MS);
}

/** Whether a commit is one the mark lists (checked with it, so not again after it). */
export const listedIn = (mark: LedgerMark) => {
  const listed = new Set(mark.refs.map((r) => `${r.streamId}\t${r.version}`));
  return (commit: Commit) => listed.has(`${commit.streamId}\t${commit.lastVersion}`);
};
