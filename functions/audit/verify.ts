import { createHash } from 'node:crypto';
import { type Commit, canonicalJson, GENESIS_HASH } from '../../events/index.js';
import { commitHash } from '../adapters/hashing.js';

export type FailureReason = 'hash mismatch' | 'gap' | 'unexpected commit' | 'digest mismatch';

export interface VerificationFailure {
  readonly streamId: string;
  readonly version: number;
  readonly reason: FailureReason;
  readonly detail: string;
}

export interface VerificationResult {
  readonly ok: boolean;
  readonly checkedCommits: number;
  readonly checkedEvents: number;
  readonly streams: number;
  /** sha256 over every stream's head (id, version, hash), sorted: what an auditor keeps to detect later removals. */
  readonly headsDigest: string;
  readonly failures: readonly VerificationFailure[];
}

interface Head {
  version: number;
  hash: string;
}

/** The commit's own text as it was hashed: everything but its place in the chain. */
export function commitBody(commit: Commit) {
  const { prevHash: _p, hash: _h, ...body } = commit;
  return body;
}

/**
 * Recomputes every stream's hash chain from commits read in global order (a stream's commits may
 * arrive slightly out of order across writers: they wait until their predecessor is seen).
 * Names each failure: an edited commit (hash mismatch), a missing one (gap), one that does not
 * follow its predecessor (unexpected commit).
 */
export class ChainVerifier {
  private readonly heads = new Map<string, Head>();
  private readonly waiting = new Map<string, Map<number, Commit>>();
  private readonly failures: VerificationFailure[] = [];
  private commits = 0;
  private events = 0;

  add(commit: Commit): void {
    this.commits++;
    this.events += commit.events.length;
    const expected = (this.heads.get(commit.streamId)?.version ?? 0) + 1;
    if (commit.firstVersion > expected) {
      const queue = this.waiting.get(commit.streamId) ?? new Map<number, Commit>();
      queue.set(commit.firstVersion, commit);
      this.waiting.set(commit.streamId, queue);
      return;
    }
    this.apply(commit);
    const queue = this.waiting.get(commit.streamId);
    for (
      let next = queue?.get(this.heads.get(commit.streamId)!.version + 1);
      next;
      next = queue?.get(this.heads.get(commit.streamId)!.version + 1)
    ) {
      queue!.delete(next.firstVersion);
      this.apply(next);
    }
  }

  private fail(commit: Commit, reason: FailureReason, detail: string) {
    this.failures.push({ streamId: commit.streamId, version: commit.firstVersion, reason, detail });
  }

  private apply(commit: Commit): void {
    const head = this.heads.get(commit.streamId);
    const expectedVersion = (head?.version ?? 0) + 1;
    const expectedPrev = head?.hash ?? GENESIS_HASH;
    if (commit.firstVersion < expectedVersion) {
      this.fail(
        commit,
        'unexpected commit',
        `version ${commit.firstVersion} appears again after ${head?.version}`,
      );
      return;
    }
    const consistent =
      commit.lastVersion === commit.firstVersion + commit.events.length - 1 &&
      commit.events.every((e, i) => e.streamVersion === commit.firstVersion + i);
    if (!consistent) this.fail(commit, 'unexpected commit', 'its versions do not match its events');
    if (commit.prevHash !== expectedPrev) {
      this.fail(
        commit,
        'unexpected commit',
        `it does not follow version ${head?.version ?? 0} (prevHash differs)`,
      );
    }
    const recomputed = commitHash(commit.prevHash, canonicalJson(commitBody(commit)));
    if (recomputed !== commit.hash) this.fail(commit, 'hash mismatch', 'its content does not match its hash');
    this.heads.set(commit.streamId, { version: commit.lastVersion, hash: commit.hash });
  }

  finish(expectedDigest?: string): VerificationResult {
    for (const [streamId, queue] of this.waiting) {
      for (const commit of [...queue.values()].sort((a, b) => a.firstVersion - b.firstVersion)) {
        const head = this.heads.get(streamId);
        this.failures.push({
          streamId,
          version: (head?.version ?? 0) + 1,
          reason: 'gap',
          detail: `versions ${(head?.version ?? 0) + 1}..${commit.firstVersion - 1} are missing`,
        });
        this.apply(commit);
      }
    }
    this.waiting.clear();
    const headsDigest = createHash('sha256')
      .update(
        [...this.heads]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([id, h]) => `${id}\t${h.version}\t${h.hash}`)
          .join('\n'),
      )
      .digest('hex');
    if (expectedDigest !== undefined && expectedDigest !== headsDigest) {
      this.failures.push({
        streamId: '*',
        version: 0,
        reason: 'digest mismatch',
        detail: `history heads digest is ${headsDigest}`,
      });
    }
    return {
      ok: this.failures.length === 0,
      checkedCommits: this.commits,
      checkedEvents: this.events,
      streams: this.heads.size,
      headsDigest,
      failures: [...this.failures],
    };
  }
}
