import { createHash } from 'node:crypto';
import { type Commit, canonicalJson } from '../../../events/index.js';
import { commitHash } from './hashing.js';
import { commitBody } from './verification.js';

/** The commit a stream's chain has reached. */
export interface Head {
  readonly firstVersion: number;
  readonly version: number;
  readonly hash: string;
  readonly commitId: string;
}

/**
 * A commit that claimed versions the chain had already taken. Its finding is provisional: if the
 * next commit follows it rather than the head, it was the genuine one and the head the intruder.
 */
export interface Rival {
  readonly commit: Commit;
  readonly finding: number;
}

/** One stream's hash chain as the verifier follows it. */
export interface StreamChain {
  head?: Head;
  /** Each applied commit's hash by its last version: tells a copied commit from a rival one. */
  readonly hashes: Map<number, string>;
  /** Commits that arrived before their predecessor, by first version (a list: a copy may wait too). */
  readonly waiting: Map<number, Commit[]>;
  rivals: Rival[];
}

/** Whether a commit's content still hashes to its hash. */
export const intact = (commit: Commit) =>
  commitHash(commit.prevHash, canonicalJson(commitBody(commit))) === commit.hash;

/** The chain goes on from `commit` (or from a head known otherwise: a verification since a digest). */
export function advance(
  chain: StreamChain,
  commit: Pick<Commit, 'firstVersion' | 'lastVersion' | 'hash' | 'commitId'>,
): void {
  const { firstVersion, lastVersion: version, hash, commitId } = commit;
  chain.head = { firstVersion, version, hash, commitId };
  chain.hashes.set(version, hash);
}

/** sha256 over every stream's head (id, version, hash), sorted by stream. */
export const headsDigestOf = (streams: ReadonlyMap<string, StreamChain>) =>
  createHash('sha256')
    .update(
      [...streams]
        .filter(([, chain]) => chain.head)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([id, chain]) => `${id}\t${chain.head!.version}\t${chain.head!.hash}`)
        .join('\n'),
    )
    .digest('hex');
