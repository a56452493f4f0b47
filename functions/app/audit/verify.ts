import type { LedgerState } from '../../../domain/reports/report.js';
import { type Commit, GENESIS_HASH } from '../../../events/index.js';
import { LedgerTrail } from './ledger-digest.js';
import { advance, type Head, headsDigestOf, intact, type Rival, type StreamChain } from './stream-chain.js';
import {
  type FailureReason,
  isCheckable,
  type VerificationFailure,
  type VerificationResult,
  versions,
} from './verification.js';

/**
 * Recomputes every stream's hash chain from commits read in global order (a stream's commits may
 * arrive slightly out of order across writers: they wait until their predecessor is seen).
 *
 * One break is one finding: an edited commit (hash mismatch), missing ones (one gap per hole, its
 * range low..high), or one that does not belong (unexpected commit: a copy, a rival for a version
 * the chain already has, a commit that does not follow its predecessor). After a finding the chain
 * goes on from where the history itself goes on, so the commits after a break are not blamed for it.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, StreamChain>();
  private readonly failures: VerificationFailure[] = [];
  private commits = 0;
  private events = 0;
  private readonly trail: LedgerTrail;
  private elsewhere: LedgerState | undefined;

  /**
   * @param expectedDigest a digest the auditor kept: it passes if it is the heads digest of the
   * history as it is, or a state the ledger passed through (a report's `ledger.digest`, however many
   * commits came after it).
   * @param start the ledger state the commits to come follow (a verification since a digest).
   */
  constructor(
    private readonly expectedDigest?: string,
    start?: LedgerState,
  ) {
    this.trail = new LedgerTrail(expectedDigest, start);
  }

  /** The stream is known up to `version`, `hash` (by the digest held): its next commit is checked against it. */
  continueFrom(streamId: string, version: number, hash: string): void {
    advance(this.chainOf(streamId), { firstVersion: version, lastVersion: version, hash, commitId: '' });
  }

  /** A commit already checked (a held mark lists it): ledger and stream go on through it, uncounted. */
  pass(commit: Commit): void {
    this.trail.add(commit);
    const head = this.streams.get(commit.streamId)?.head;
    if (!head || head.version < commit.lastVersion)
      this.continueFrom(commit.streamId, commit.lastVersion, commit.hash);
    this.applyWaitingSuccessors(this.chainOf(commit.streamId));
  }

  /** The expected digest names `state` by other means (a report's mark that holds): not a mismatch. */
  nameElsewhere(state: LedgerState): void {
    this.elsewhere = state;
  }

  /** The ledger's state after every commit read so far. */
  get ledger(): LedgerState {
    return this.trail.state;
  }

  /** The state the expected digest names, if the ledger passed through it. */
  get digestNames(): LedgerState | undefined {
    return this.trail.found ?? this.elsewhere;
  }

  add(commit: Commit): void {
    this.commits++;
    if (isCheckable(commit)) this.trail.add(commit);
    if (!isCheckable(commit)) {
      this.fail(
        typeof commit.streamId === 'string' ? commit.streamId : 'unknown stream',
        Number.isInteger(commit.firstVersion) ? commit.firstVersion : 0,
        'unexpected commit',
        'it is not a readable commit',
      );
      return;
    }
    this.events += commit.events.length;
    const chain = this.chainOf(commit.streamId);
    const expected = (chain.head?.version ?? 0) + 1;
    if (commit.firstVersion > expected) {
      chain.waiting.set(commit.firstVersion, [...(chain.waiting.get(commit.firstVersion) ?? []), commit]);
      return;
    }
    this.apply(chain, commit, false);
    this.applyWaitingSuccessors(chain);
  }

  finish(): VerificationResult {
    const { expectedDigest } = this;
    // Whatever still waits has a hole before it: one gap per hole, then the chain goes on from there.
    for (const chain of this.streams.values()) {
      while (chain.waiting.size > 0) {
        let next = Number.POSITIVE_INFINITY;
        for (const version of chain.waiting.keys()) next = Math.min(next, version);
        const waiting = chain.waiting.get(next)!;
        chain.waiting.delete(next);
        const missingFrom = (chain.head?.version ?? 0) + 1;
        const [first, ...others] = waiting;
        // A longer commit may have overtaken what waited: then there is no hole, only a commit to reject.
        const hole = next > missingFrom;
        if (hole) {
          const one = next - 1 === missingFrom;
          this.fail(
            first!.streamId,
            missingFrom,
            'gap',
            `${versions(missingFrom, next - 1)} ${one ? 'is' : 'are'} missing (version ${next} follows ${one ? 'it' : 'them'})`,
          );
        }
        this.apply(chain, first!, hole);
        for (const other of others) this.apply(chain, other, false);
        this.applyWaitingSuccessors(chain);
      }
    }
    const headsDigest = headsDigestOf(this.streams);
    // Read stream by stream, in version order: the order commits happened to arrive in says nothing.
    const failures = [...this.failures].sort((a, b) =>
      a.streamId === b.streamId ? a.version - b.version : a.streamId < b.streamId ? -1 : 1,
    );
    if (expectedDigest !== undefined && expectedDigest !== headsDigest && !this.digestNames) {
      failures.push({
        streamId: '*',
        version: 0,
        reason: 'digest mismatch',
        detail: `neither the heads digest of this history (${headsDigest}) nor a state its ledger passed through`,
      });
    }
    return {
      ok: failures.length === 0,
      checkedCommits: this.commits,
      checkedEvents: this.events,
      streams: [...this.streams.values()].filter((chain) => chain.head).length,
      headsDigest,
      failures,
    };
  }

  private chainOf(streamId: string): StreamChain {
    let chain = this.streams.get(streamId);
    if (!chain) {
      chain = { hashes: new Map(), waiting: new Map(), rivals: [] };
      this.streams.set(streamId, chain);
    }
    return chain;
  }

  private fail(streamId: string, version: number, reason: FailureReason, detail: string): number {
    return this.failures.push({ streamId, version, reason, detail }) - 1;
  }

  private applyWaitingSuccessors(chain: StreamChain): void {
    for (
      let next = chain.waiting.get((chain.head?.version ?? 0) + 1);
      next;
      next = chain.waiting.get((chain.head?.version ?? 0) + 1)
    ) {
      chain.waiting.delete(next[0]!.firstVersion);
      for (const commit of next) this.apply(chain, commit, false);
    }
  }

  /**
   * Checks one commit against the chain and advances the chain to it. `afterGap`: its predecessor is
   * missing (already a finding), so whether it follows that predecessor cannot be told.
   */
  private apply(chain: StreamChain, commit: Commit, afterGap: boolean): void {
    const head = chain.head;
    const contentIntact = intact(commit);
    if (head && commit.firstVersion <= head.version) {
      this.reject(chain, commit, contentIntact);
      return;
    }
    const problems: string[] = [];
    let reason: FailureReason | undefined;
    if (!afterGap && commit.prevHash !== (head?.hash ?? GENESIS_HASH)) {
      const displaced = chain.rivals.find((r) => r.commit.hash === commit.prevHash);
      if (head && displaced) {
        this.restoreRival(chain, head, displaced);
      } else {
        reason = 'unexpected commit';
        problems.push(
          head
            ? `it does not follow version ${head.version} as recorded here (its prevHash is another hash): version ${head.version} was rewritten, or this commit does not belong`
            : 'it claims a predecessor but the stream starts here',
        );
      }
    }
    const versionsMatchEvents =
      commit.lastVersion === commit.firstVersion + commit.events.length - 1 &&
      commit.events.every((e, i) => e.streamVersion === commit.firstVersion + i);
    if (!contentIntact) {
      reason ??= 'hash mismatch';
      problems.push('its content does not match its hash');
    }
    if (!versionsMatchEvents) {
      reason ??= 'unexpected commit';
      problems.push('its versions do not match its events');
    }
    if (reason) this.fail(commit.streamId, commit.firstVersion, reason, problems.join('; '));
    advance(chain, commit);
    chain.rivals = [];
  }

  /** A commit for versions the chain already has: a copy, or a rival the chain may yet go on from. */
  private reject(chain: StreamChain, commit: Commit, contentIntact: boolean): void {
    const claimed = versions(commit.firstVersion, commit.lastVersion);
    if (chain.hashes.get(commit.lastVersion) === commit.hash && contentIntact) {
      this.fail(
        commit.streamId,
        commit.firstVersion,
        'unexpected commit',
        `a copy of ${claimed} appears again`,
      );
      return;
    }
    const finding = this.fail(
      commit.streamId,
      commit.firstVersion,
      'unexpected commit',
      `commit ${commit.commitId} also claims ${claimed}, and the chain does not go on from it${contentIntact ? '' : '; its content does not match its hash'}`,
    );
    if (commit.lastVersion === chain.head!.version) chain.rivals.push({ commit, finding });
  }

  /**
   * The next commit follows a rival, not the head: the rival was the genuine commit and the head the
   * intruder. The one finding moves to the intruder; the chain goes on from the rival.
   */
  private restoreRival(chain: StreamChain, intruder: Head, rival: Rival): void {
    const { commit } = rival;
    this.failures[rival.finding] = {
      streamId: commit.streamId,
      version: intruder.firstVersion,
      reason: 'unexpected commit',
      detail: `commit ${intruder.commitId} also claims ${versions(intruder.firstVersion, intruder.version)}, and the chain does not go on from it`,
    };
    if (!intact(commit))
      this.fail(commit.streamId, commit.firstVersion, 'hash mismatch', 'its content does not match its hash');
    advance(chain, commit);
  }
}
