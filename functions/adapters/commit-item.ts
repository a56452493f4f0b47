import { type Commit, type CommitBody, canonicalJson } from '../../events/index.js';

/**
 * A commit as the Events table stores it, with no AWS SDK in sight: the stream consumers (projector,
 * publisher) read commits from stream records with it and need nothing else of the store.
 */

/** The month bucket of the global-order index: `<community>#yyyy-mm` (UTC). */
export function bucketOf(community: string, at: Date): string {
  return `${community}#${at.toISOString().slice(0, 7)}`;
}

export interface CommitItem {
  streamId: string;
  version: number;
  lastVersion: number;
  kind: 'commit';
  commitId: string;
  bucket: string;
  community: string;
  recordedAt: string;
  body: string;
  prevHash: string;
  hash: string;
}

/**
 * Rebuilds a commit from its stored item. The body string is the hashed text, so it is parsed, never
 * re-derived. It was validated before it was written; the audit's hash verification, not this hot
 * path, is what proves it has not changed since.
 */
export function commitFromItem(item: Record<string, unknown>): Commit {
  const body = JSON.parse(item.body as string) as CommitBody;
  return { ...body, prevHash: item.prevHash as string, hash: item.hash as string };
}

export function itemOfCommitBody(body: CommitBody, json: string, prevHash: string, hash: string): CommitItem {
  return {
    streamId: body.streamId,
    version: body.firstVersion,
    lastVersion: body.lastVersion,
    kind: 'commit',
    commitId: body.commitId,
    bucket: bucketOf(body.community, new Date(body.recordedAt)),
    community: body.community,
    recordedAt: body.recordedAt,
    body: json,
    prevHash,
    hash,
  };
}

/**
 * The stored item of a commit, exactly as `append` wrote it (the body is the canonical JSON that was
 * hashed): what a DynamoDB Streams record carries as its new image. The local runtime builds its
 * stream records with it.
 */
export function itemOfCommit(commit: Commit): Record<string, unknown> {
  const { prevHash, hash, ...body } = commit;
  return { ...itemOfCommitBody(body, canonicalJson(body), prevHash, hash) };
}
