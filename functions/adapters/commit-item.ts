import {
  type Commit,
  type CommitBody,
  type CommitMetadata,
  canonicalJson,
  encodeEvent,
  type StoredEvent,
} from '../../events/index.js';
import { commitHash } from '../app/audit/hashing.js';
import { type AppendCommit, CommitTooLarge, type Ids, MAX_COMMIT_BYTES } from '../app/ports.js';

/**
 * A commit as the Events table stores it, with no AWS SDK in sight: the stream consumers (projector,
 * publisher) read commits from stream records with it and need nothing else of the store.
 */

/** The month bucket of the global-order index: `<community>#yyyy-mm` (UTC). */
export function bucketOf(community: string, at: Date): string {
  return `${community}#${at.toISOString().slice(0, 7)}`;
}

/**
 * A stored commit (the compact format). Each fact the hash covers is stored once: the keys carry the
 * stream and the first version, the index's sort key the commit id; `facts` holds the rest (metadata,
 * events) as canonical JSON. What can be derived is not stored: the last version and each event's
 * version follow from the first and the number of events, the instant from the commit id (a ULID of
 * it), the community from the stream id's prefix (each in `facts` only where it differs). The bucket
 * and `kind` are there for the index and the stream consumers. `commitFromItem` rebuilds the body;
 * `append` writes this format only when that rebuild is, to the character, the canonical JSON it
 * hashed, and the first format otherwise, so what is read back always hashes as it was sealed.
 */
export type CommitItem = {
  streamId: string;
  version: number;
  kind: 'commit';
  commitId: string;
  bucket: string;
  facts: string;
  prevHash: string;
  hash: string;
};

/**
 * What `facts` holds: `e` = [eventId, type, schemaVersion, data] per event, `m` = the metadata; and
 * only where they differ from what they are derived from: `at` the recorded instant (else the commit
 * id's), `n` the community (else the stream id's prefix, `<community>#…`).
 */
interface Facts {
  readonly at?: string;
  readonly e: readonly [string, string, number, Record<string, unknown>][];
  readonly m: CommitMetadata;
  readonly n?: string;
}

const communityPrefixOf = (streamId: string) => streamId.slice(0, streamId.indexOf('#'));

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DAY_MS = 86_400_000;
/** Year 10000: past it an ISO string has a six-digit year, and this file leaves it to `Date`. */
const FOUR_DIGIT_YEARS = 253_402_300_800_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
let cachedDay = Number.NaN;
let cachedDayText = '';

/**
 * `new Date(ms).toISOString()`, without a Date per commit: a replay rebuilds thousands of instants,
 * most of them on a few days, so the day's text is reused and only the time of day is formatted.
 */
function isoOf(ms: number): string {
  if (ms >= FOUR_DIGIT_YEARS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const t = ms - day * DAY_MS;
  return `${cachedDayText}${pad(Math.floor(t / 3_600_000), 2)}:${pad(Math.floor(t / 60_000) % 60, 2)}:${pad(Math.floor(t / 1000) % 60, 2)}.${pad(t % 1000, 3)}Z`;
}

/** The instant a ULID names, as an ISO string; '' for what is not one (a damaged item never throws here). */
function instantOfUlid(id: string): string {
  let ms = 0;
  for (let i = 0; i < 10; i++) {
    const digit = CROCKFORD.indexOf(id.charAt(i));
    if (digit < 0) return '';
    ms = ms * 32 + digit;
  }
  return ms <= 8.64e15 ? isoOf(ms) : '';
}

/** A commit, not a snapshot (which has no commit id): how readers of one stream tell them apart. */
export const isCommitItem = (item: Record<string, unknown>) => typeof item.commitId === 'string';

/** The body's keys in canonical order, so a rebuilt commit serialises as one read from the first format. */
function rebuildCommit(item: Record<string, unknown>, streamId: string): Commit {
  const facts = JSON.parse(item.facts as string) as Facts;
  const firstVersion = item.version as number;
  const commitId = String(item.commitId);
  const events: StoredEvent[] = facts.e.map(([eventId, type, schemaVersion, data], index) => ({
    data,
    eventId,
    schemaVersion,
    streamVersion: firstVersion + index,
    type,
  }));
  return {
    commitId,
    community: facts.n ?? communityPrefixOf(streamId),
    events,
    firstVersion,
    lastVersion: firstVersion + events.length - 1,
    metadata: facts.m,
    recordedAt: facts.at ?? instantOfUlid(commitId),
    streamId,
    prevHash: item.prevHash as string,
    hash: item.hash as string,
  };
}

/**
 * Rebuilds a commit from its stored item, in either format. The first format's body string is the
 * hashed text, so it is parsed, never re-derived. Either was validated before it was written; the
 * audit's hash verification, not this hot path, is what proves it has not changed since. A reader
 * of one stream may leave its key out of the item it reads, and give it here.
 */
export function commitFromItem(
  item: Record<string, unknown>,
  streamId: string = item.streamId as string,
): Commit {
  if (typeof item.facts === 'string') return rebuildCommit(item, streamId);
  const body = JSON.parse(item.body as string) as CommitBody;
  return { ...body, prevHash: item.prevHash as string, hash: item.hash as string };
}

/**
 * What a reader of one stream asks for: neither the key it knows nor the index's bucket nor `kind`
 * (`isCommitItem` tells), only what rebuilds a commit (either format) or a snapshot (`schema`,
 * `state`): fewer bytes on the wire.
 */
export const STREAM_READ = {
  ProjectionExpression: '#v, #c, #f, #b, #p, #h, #s, #st',
  ExpressionAttributeNames: {
    '#v': 'version',
    '#c': 'commitId',
    '#f': 'facts',
    '#b': 'body',
    '#p': 'prevHash',
    '#h': 'hash',
    '#s': 'schema',
    '#st': 'state',
  },
} as const;

/**
 * A commit as the first release stored it: the whole canonical body, beside copies of its keys. Still
 * written for a commit the compact format cannot reproduce exactly.
 */
function firstFormatItemOf(body: CommitBody, json: string, prevHash: string, hash: string) {
  return {
    streamId: body.streamId,
    version: body.firstVersion,
    lastVersion: body.lastVersion,
    kind: 'commit' as const,
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
 * The item `append` stores for a sealed commit: the compact one when it rebuilds to exactly the
 * hashed JSON (every commit this code seals, whatever its clock did), else the first format.
 */
export function itemOfCommitBody(
  body: CommitBody,
  json: string,
  prevHash: string,
  hash: string,
): CommitItem | ReturnType<typeof firstFormatItemOf> {
  const derivedAt = instantOfUlid(body.commitId);
  const facts: Facts = {
    ...(body.recordedAt === derivedAt ? {} : { at: body.recordedAt }),
    e: body.events.map((e) => [e.eventId, e.type, e.schemaVersion, e.data]),
    m: body.metadata,
    ...(body.community === communityPrefixOf(body.streamId) ? {} : { n: body.community }),
  };
  const item: CommitItem = {
    streamId: body.streamId,
    version: body.firstVersion,
    kind: 'commit',
    commitId: body.commitId,
    bucket: bucketOf(body.community, new Date(body.recordedAt)),
    facts: canonicalJson(facts),
    prevHash,
    hash,
  };
  const { prevHash: _p, hash: _h, ...rebuilt } = rebuildCommit(item, item.streamId);
  return canonicalJson(rebuilt) === json ? item : firstFormatItemOf(body, json, prevHash, hash);
}

/**
 * The stored item of a commit, exactly as `append` wrote it: what a DynamoDB Streams record carries
 * as its new image. The local runtime builds its stream records with it.
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
