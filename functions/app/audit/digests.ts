import { createHash } from 'node:crypto';
import type { Commit } from '../../../events/index.js';

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

/** Groups a community's commits (global order) by UTC day and chains each day's digest to the one before. */
export function chainDigests(commits: readonly Commit[], until?: string): DailyDigest[] {
  const byDay = new Map<string, Commit[]>();
  for (const c of commits) {
    const day = c.recordedAt.slice(0, 10);
    if (until && day > until) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), c]);
  }
  const out: DailyDigest[] = [];
  let previous = GENESIS_DIGEST;
  for (const day of [...byDay.keys()].sort()) {
    const heads = headsOfDay(byDay.get(day)!);
    const digest = digestOf(day, heads, previous);
    out.push({ day, heads, previous, digest });
    previous = digest;
  }
  return out;
}

/**
 * Where the daily digests are kept (the Events table, on AWS: `adapters/dynamodb-digest-store.ts`):
 * written once per day that has ended, never changed.
 */
export interface DigestStore {
  /** A community's digests, oldest first. */
  list(community: string): Promise<DailyDigest[]>;
  /** The last day whose digest is written (or that had no commits): the daily job skips a community that is done. */
  digestedThrough(community: string): Promise<string | undefined>;
  /** Writes the digests of the days not yet written (only days that have ended, before `today`). */
  writeMissing(community: string, commits: readonly Commit[], today: string): Promise<DailyDigest[]>;
}
