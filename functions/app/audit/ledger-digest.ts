import { createHash } from 'node:crypto';
import type { LedgerState } from '../../../domain/reports/report.js';
import { type Commit, GENESIS_HASH } from '../../../events/index.js';

/**
 * The running digest of a community's ledger, commit by commit in global order:
 * `d(n) = sha256(d(n-1) + "\n" + streamId + "\t" + lastVersion + "\t" + hash)`. Each commit's hash
 * already covers its events and chains its stream, so `d(n)` stands for the whole history up to the
 * n-th commit; unlike the heads digest of the current state, every earlier state keeps a digest an
 * auditor can find again in O(n) (`GET /audit/verify?digest=` accepts any of them).
 */
export const nextLedgerDigest = (previous: string, commit: Commit): string =>
  createHash('sha256')
    .update(`${previous}\n${commit.streamId}\t${commit.lastVersion}\t${commit.hash}`)
    .digest('hex');

/** The ledger before its first commit. */
export const GENESIS_LEDGER: LedgerState = { through: null, commits: 0, digest: GENESIS_HASH };

/**
 * Follows the running digest as an auditor's tool reads a history, and notes the state a digest
 * they were given names (a report's `ledger.digest`), without keeping every state in memory.
 */
export class LedgerTrail {
  private current: LedgerState;
  private named: LedgerState | undefined;

  /** @param start a state already known (a daily digest's checkpoint): the trail goes on from it. */
  constructor(
    private readonly wanted?: string,
    start: LedgerState = GENESIS_LEDGER,
  ) {
    this.current = start;
    // Every ledger passed through the state it starts from (the empty one too: a report taken
    // before anything had settled names it).
    if (start.digest === wanted) this.named = start;
  }

  add(commit: Commit): void {
    const digest = nextLedgerDigest(this.current.digest, commit);
    this.current = { through: commit.recordedAt, commits: this.current.commits + 1, digest };
    if (digest === this.wanted) this.named ??= this.current;
  }

  /** The state after every commit read so far. */
  get state(): LedgerState {
    return this.current;
  }

  /** The state the wanted digest names, if the history passed through it. */
  get found(): LedgerState | undefined {
    return this.named;
  }
}

/** The state after the last of `commits` (the genesis state when there is none). */
export function ledgerStateOf(commits: Iterable<Commit>): LedgerState {
  const trail = new LedgerTrail();
  for (const commit of commits) trail.add(commit);
  return trail.state;
}
