import { decodeTime, encodeTime } from 'ulid';
import type { LedgerState } from '../../../domain/reports/report.js';
import type { Commit } from '../../../events/index.js';
import type { EventStore } from '../ports.js';
import type { DailyDigest, DigestStore } from './digests.js';
import { GENESIS_LEDGER, LedgerTrail } from './ledger-digest.js';

/**
 * How long after its id was taken a commit may still become visible in the global order (its
 * PutItem in flight, the index catching up; on AWS well under a second). A report names the ledger
 * only up to this long before its instant, so a commit that shows up after a later one was read
 * cannot fall inside the state it names, and its digest stays one the ledger passes through.
 */
export const SETTLE_MS = 5_000;

/** The last instant whose commits a report taken at `asOf` names. */
export const settledBefore = (asOf: Date): number => asOf.getTime() - SETTLE_MS;

/** The commits (global order) a report taken when `until` had settled names: those up to that instant. */
export function settledPart(commits: readonly Commit[], until: number): readonly Commit[] {
  const first = commits.findIndex((c) => decodeTime(c.commitId) > until);
  return first < 0 ? commits : commits.slice(0, first);
}

/** The first instant after a UTC day. */
export const endOfDay = (day: string): number => Date.parse(`${day}T00:00:00Z`) + 86_400_000;

/** A cursor after every commit of the day (and before every later one): where the next day's history starts. */
export const afterDay = (day: string): string => `${encodeTime(endOfDay(day) - 1, 10)}${'Z'.repeat(16)}`;

/** A point of the ledger to read on from: its state, and the cursor of the history after it. */
export interface LedgerPoint {
  readonly state: LedgerState;
  /** Absent: the history from its first commit. */
  readonly after?: string;
  /** The day the point closes (a daily digest's), absent for the genesis. */
  readonly day?: string;
}

export const GENESIS_POINT: LedgerPoint = { state: GENESIS_LEDGER };

/** The point a daily digest kept (none for a digest written before it kept the ledger state). */
export const pointOf = (digest: DailyDigest | undefined): LedgerPoint | undefined =>
  digest?.ledger ? { state: digest.ledger, after: afterDay(digest.day), day: digest.day } : undefined;

/**
 * The community's commits after `after` (global order), up to the instant `until` when given, read
 * page by page and stopping there: what is read is what lies between the two points, and a page.
 */
export async function commitsBetween(
  events: Pick<EventStore, 'readHistory'>,
  community: string,
  after: string | undefined,
  until = Number.POSITIVE_INFINITY,
): Promise<Commit[]> {
  const commits: Commit[] = [];
  let cursor = after;
  do {
    const page = await events.readHistory({ community, after: cursor, limit: 1000 });
    for (const commit of page.commits) {
      if (decodeTime(commit.commitId) > until) return commits;
      commits.push(commit);
    }
    cursor = page.nextAfter;
  } while (cursor);
  return commits;
}

/**
 * The ledger state a report taken at `asOf` names: every commit settled by then (`SETTLE_MS`), read
 * from the last daily digest's kept state on, so its cost is the days since that digest, not the
 * years before it. Also answers the commits read after that digest (the streams the report waits for).
 */
export async function ledgerAsOf(
  deps: {
    readonly events: Pick<EventStore, 'readHistory'>;
    readonly digests?: Pick<DigestStore, 'latest'>;
  },
  community: string,
  asOf: Date,
): Promise<{ readonly ledger: LedgerState; readonly read: readonly Commit[] }> {
  const until = settledBefore(asOf);
  const kept = pointOf(await deps.digests?.latest(community));
  // A digest of a day not yet settled at `asOf` (a clock set back) cannot be a start: read from the first commit.
  const start = kept && endOfDay(kept.day!) <= until ? kept : GENESIS_POINT;
  const read = await commitsBetween(deps.events, community, start.after, until);
  const trail = new LedgerTrail(undefined, start.state);
  for (const commit of read) trail.add(commit);
  return { ledger: trail.state, read };
}
