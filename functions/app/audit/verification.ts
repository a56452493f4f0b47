import type { Commit } from '../../../events/index.js';

/** What a verification finds and answers: shared by the verifier, the audit route and the CLI. */
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

/** The commit's own text as it was hashed: everything but its place in the chain. */
export function commitBody(commit: Commit) {
  const { prevHash: _p, hash: _h, ...body } = commit;
  return body;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Enough of a commit to place it in a chain; anything less (a damaged export line) is one finding. */
export function isCheckable(commit: Commit): boolean {
  return (
    typeof commit.streamId === 'string' &&
    Number.isInteger(commit.firstVersion) &&
    commit.firstVersion > 0 &&
    Number.isInteger(commit.lastVersion) &&
    Array.isArray(commit.events) &&
    typeof commit.prevHash === 'string' &&
    SHA256_HEX.test(commit.prevHash) &&
    typeof commit.hash === 'string' &&
    SHA256_HEX.test(commit.hash)
  );
}

export const versions = (low: number, high: number) =>
  low === high ? `version ${low}` : `versions ${low}..${high}`;
