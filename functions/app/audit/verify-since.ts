import type { LedgerState } from '../../../domain/reports/report.js';
import type { Commit } from '../../../events/index.js';
import { ApplicationError } from '../errors.js';
import type { EventStore } from '../ports.js';
import {
  type DailyDigest,
  type DigestStore,
  digestOf,
  headsOfDay,
  ledgerMismatch,
  sameLedger,
} from './digests.js';
import { LedgerTrail } from './ledger-digest.js';
import { listedIn, markHolds } from './ledger-marks.js';
import { commitsBetween, endOfDay, GENESIS_POINT, type LedgerPoint, pointOf } from './ledger-state.js';
import { ChainVerifier } from './verify.js';

export interface SinceDeps {
  readonly events: Pick<EventStore, 'readHistory'>;
  readonly digests: Pick<DigestStore, 'list' | 'findMark'>;
}

interface Located {
  /** The state the digest names. */
  readonly state: LedgerState;
  /** The UTC day from which on every commit is after it (its stored digests can be checked). */
  readonly daysAfter: string;
  readonly after: readonly Commit[];
  /** The ledger state `after` follows (a mark's settled state; else `state` itself). */
  readonly start?: LedgerState;
  /** Commits of `after` the digest already covers (a mark's listed commits): not checked again. */
  readonly covered?: (commit: Commit) => boolean;
}

const dayOf = (commit: Commit) => commit.recordedAt.slice(0, 10);

/**
 * The commits after a daily digest's day, read on from the kept point before it, so the ledger state
 * it kept (outside its hash) is checked against its own commits on the way: one read from there on,
 * not the years before. Undefined when that state is not the one its commits give.
 */
async function afterCheckedKept(
  deps: SinceDeps,
  community: string,
  kept: readonly DailyDigest[],
  digest: DailyDigest,
): Promise<Commit[] | undefined> {
  const before = pointOf(kept.findLast((d) => d.day < digest.day)) ?? GENESIS_POINT;
  const read = await commitsBetween(deps.events, community, before.after);
  const end = endOfDay(digest.day);
  const own = read.findIndex((c) => Date.parse(c.recordedAt) >= end);
  const trail = new LedgerTrail(undefined, before.state);
  for (const commit of own < 0 ? read : read.slice(0, own)) trail.add(commit);
  return sameLedger(trail.state, digest.ledger!) ? (own < 0 ? [] : read.slice(own)) : undefined;
}

/**
 * Where the ledger passed through `since`, and the commits after it. A daily digest (its own digest,
 * or the ledger state it kept) is found among the digests and nothing before it is read; another
 * state (a report's) is looked for between the kept states, newest first, so what is read before it
 * is at most the rest of its day.
 */
async function locateKept(
  deps: SinceDeps,
  community: string,
  kept: readonly DailyDigest[],
  since: string,
): Promise<Located | undefined> {
  const direct = kept.find((d) => d.ledger!.digest === since || d.digest === since);
  if (direct) {
    const after = await afterCheckedKept(deps, community, kept, direct);
    if (!after)
      throw new ApplicationError(
        'not-found',
        'digest-not-in-ledger',
        `the ledger state kept with the digest of ${direct.day} is not the one its history gives: verify in full, without since`,
      );
    return { state: direct.ledger!, daysAfter: direct.day, after };
  }
  const starts: LedgerPoint[] = [GENESIS_POINT, ...kept.map((d) => pointOf(d)!)];
  let later: Commit[] = [];
  for (let i = starts.length - 1; i >= 0; i--) {
    const start = starts[i]!;
    const next = starts[i + 1];
    const segment = await commitsBetween(
      deps.events,
      community,
      start.after,
      next ? endOfDay(next.day!) - 1 : undefined,
    );
    const trail = new LedgerTrail(since, start.state);
    // The state the segment starts from (the empty ledger's): every commit of it comes after.
    if (trail.found) return { state: trail.found, daysAfter: start.day ?? '', after: [...segment, ...later] };
    for (let k = 0; k < segment.length; k++) {
      trail.add(segment[k]!);
      if (trail.found)
        return {
          state: trail.found,
          daysAfter: dayOf(segment[k]!),
          after: [...segment.slice(k + 1), ...later],
        };
    }
    later = [...segment, ...later];
  }
  return undefined;
}

/**
 * Where the ledger passed through `since`: a kept daily point, else a report's mark of it (one read;
 * looked at before searching the history, which would read every commit for a digest the chain never
 * passed through), else the history searched. A mark is trusted for nothing: its settled state is
 * located in the chain, its listed commits found among those after it and re-chained to its digest;
 * one that does not hold names nothing, and the history is searched as for any digest.
 */
async function locate(deps: SinceDeps, community: string, since: string): Promise<Located | undefined> {
  const kept = (await deps.digests.list(community)).filter((d) => d.ledger);
  if (kept.some((d) => d.ledger!.digest === since || d.digest === since))
    return locateKept(deps, community, kept, since);
  const mark = await deps.digests.findMark(community, since);
  if (typeof mark?.settled?.digest === 'string') {
    const settled = await locateKept(deps, community, kept, mark.settled.digest);
    const named = settled && markHolds({ ...mark, settled: settled.state }, settled.after);
    if (named) return { ...settled, state: named, start: settled.state, covered: listedIn(mark) };
  }
  return locateKept(deps, community, kept, since);
}

/**
 * The stored digests of days wholly after the point: each must still follow from that day's
 * commits, and the ledger state it kept must be the one the ledger, gone on from `start`, had then.
 */
function digestsAfter(
  stored: readonly DailyDigest[],
  daysAfter: string,
  after: readonly Commit[],
  start: LedgerState,
) {
  const byDay = new Map<string, Commit[]>();
  const endOf = new Map<string, LedgerState>();
  const trail = new LedgerTrail(undefined, start);
  for (const c of after) {
    byDay.set(dayOf(c), [...(byDay.get(dayOf(c)) ?? []), c]);
    trail.add(c);
    endOf.set(dayOf(c), trail.state);
  }
  return stored
    .filter((d) => d.day > daysAfter)
    .flatMap((d) => {
      if (digestOf(d.day, headsOfDay(byDay.get(d.day) ?? []), d.previous) !== d.digest)
        return [
          {
            streamId: `digest ${d.day}`,
            version: 0,
            reason: 'digest mismatch',
            detail: 'the history of that day no longer gives the digest written then',
          },
        ];
      return d.ledger && !sameLedger(d.ledger, endOf.get(d.day)) ? [ledgerMismatch(d.day)] : [];
    });
}

/**
 * GET /audit/verify?since=: only what was added after a digest the auditor holds. Each commit after
 * it is checked (its hash, its versions, its place in its stream's chain, the first one against the
 * hash its predecessor claims), the daily digests of the days after it are checked against those
 * commits, and the ledger's running digest goes on from the state `since` names. A digest the ledger
 * never passed through is refused (404, `digest-not-in-ledger`): there is nothing to go on from.
 */
export async function verifySince(
  deps: SinceDeps,
  community: string,
  input: { readonly since: string; readonly digest?: string },
) {
  const located = await locate(deps, community, input.since);
  if (!located)
    throw new ApplicationError(
      'not-found',
      'digest-not-in-ledger',
      `${input.since} is not a state this ledger passed through (nor a daily digest of it): verify in full, without since`,
    );
  const verifier = new ChainVerifier(input.digest, located.start ?? located.state);
  const covered = located.covered ?? (() => false);
  const first = new Map<string, Commit>();
  for (const c of located.after)
    if ((first.get(c.streamId)?.firstVersion ?? Number.POSITIVE_INFINITY) > c.firstVersion)
      first.set(c.streamId, c);
  for (const [streamId, c] of first)
    if (c.firstVersion > 1 && !covered(c)) verifier.continueFrom(streamId, c.firstVersion - 1, c.prevHash);
  // A commit the mark covers was checked with the digest: the ledger goes on through it, unchecked.
  for (const commit of located.after) {
    if (covered(commit)) verifier.pass(commit);
    else verifier.add(commit);
  }
  const result = verifier.finish();
  const digestFailures = digestsAfter(
    await deps.digests.list(community, located.daysAfter),
    located.daysAfter,
    located.after,
    located.start ?? located.state,
  );
  return {
    ...result,
    since: located.state,
    ledger: verifier.ledger,
    ...(verifier.digestNames ? { digestNames: verifier.digestNames } : {}),
    ok: result.ok && digestFailures.length === 0,
    failures: [...result.failures, ...digestFailures],
  };
}
