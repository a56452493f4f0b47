import { type Commit, type CommitBody, canonicalJson, encodeEvent } from '../../events/index.js';
import { type AppendCommit, CommitTooLarge, type Ids, MAX_COMMIT_BYTES } from '../app/ports.js';
import { commitHash } from './hashing.js';

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

/** A commit as every store seals it: its body, the canonical JSON that is hashed, and its hash. */
export interface SealedCommit {
  readonly body: CommitBody;
  readonly json: string;
  readonly hash: string;
}

/**
 * Builds and seals the commit an append request describes: validates and encodes each event (throws
 * on a payload that breaks its schema), refuses one too large for an item, and chains its hash.
 */
export function sealCommit(request: AppendCommit, recordedAt: Date, ids: Ids): SealedCommit {
  const firstVersion = request.expectedVersion + 1;
  const body: CommitBody = {
    commitId: ids.next(recordedAt),
    community: request.community,
    streamId: request.streamId,
    firstVersion,
    lastVersion: request.expectedVersion + request.events.length,
    recordedAt: recordedAt.toISOString(),
    metadata: request.metadata,
    events: request.events.map((event, index) => ({
      eventId: ids.next(recordedAt),
      type: event.type,
      streamVersion: firstVersion + index,
      ...encodeEvent(event.type, event.data),
    })),
  };
  const json = canonicalJson(body);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_COMMIT_BYTES) throw new CommitTooLarge(bytes);
  return { body, json, hash: commitHash(request.prevHash, json) };
}
