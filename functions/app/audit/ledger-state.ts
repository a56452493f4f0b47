import { encodeTime } from 'ulid';
import type { LedgerState } from '../../../domain/reports/report.js';
import type { Commit } from '../../../events/index.js';
import type { EventStore } from '../ports.js';
import type { DailyDigest, DigestStore } from './digests.js';
import { GENESIS_LEDGER, LedgerTrail } from './ledger-digest.js';
import { type LedgerMark, markOf, SETTLE_MS } from './ledger-marks.js';

export { SETTLE_MS };

/** The last instant whose commits have all become visible by `asOf` (a day is over once it has passed). */
export const settledBefore = (asOf: Date): number => asOf.getTime() - SETTLE_MS;

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
      if (Date.parse(commit.recordedAt) > until) return commits;
      commits.push(commit);
    }
    cursor = page.nextAfter;
  } while (cursor);
  return commits;
}

/**
 * The ledger state a report taken at `asOf` names: every commit it read, the same cut its figures
 * come from, chained from the last daily digest's kept state on, so its cost is the days since that
 * digest, not the years before it. When some of what it read was recorded too recently for every
 * earlier commit to be visible, it answers a mark (ledger-marks.ts) for the report to keep once it is
 * sure to answer (a refused request writes nothing). Also answers the commits read after that digest
 * (the streams the report waits for).
 */
export async function readLedgerAsOf(
  deps: {
    readonly events: Pick<EventStore, 'readHistory'>;
    readonly digests?: Pick<DigestStore, 'latest'>;
  },
  community: string,
  asOf: Date,
): Promise<{ readonly ledger: LedgerState; readonly read: readonly Commit[]; readonly mark?: LedgerMark }> {
  const kept = pointOf(await deps.digests?.latest(community));
  // A digest of a day not yet over at `asOf` (a clock set back) cannot be a start: read from the first commit.
  const start = kept && endOfDay(kept.day!) <= settledBefore(asOf) ? kept : GENESIS_POINT;
  const read = await commitsBetween(deps.events, community, start.after);
  const trail = new LedgerTrail(undefined, start.state);
  for (const commit of read) trail.add(commit);
  const mark = markOf(start.state, read, asOf);
  return { ledger: trail.state, read, ...(mark ? { mark } : {}) };
}
