import { parseStreamId } from '../../../domain/shared/ids.js';
import type { Commit } from '../../../events/index.js';
import { appErrors } from '../errors.js';
import type { Clock, EventStore } from '../ports.js';
import {
  chainDigests,
  type DailyDigest,
  type DigestStore,
  digestOf,
  ledgerMismatch,
  sameLedger,
} from './digests.js';
import { readWholeHistory } from './history.js';
import { LedgerTrail } from './ledger-digest.js';
import { markHolds } from './ledger-marks.js';
import { ChainVerifier } from './verify.js';
import { verifySince } from './verify-since.js';

/** The auditor, in their community: every audit answer is scoped to it. */
export interface AuditReader {
  readonly community: string;
}

export interface AuditDeps {
  readonly events: EventStore;
  readonly digests: Pick<DigestStore, 'list' | 'writeMissing' | 'latest' | 'findMark'>;
  readonly clock: Clock;
}

/** A finding of GET /audit/verify: the chain verifier's, or a daily digest's. */
export interface AuditFinding {
  readonly streamId: string;
  readonly version: number;
  readonly reason: string;
  readonly detail: string;
}

/** The chain of daily digests written so far, oldest first. */
export const listDigests = async (deps: Pick<AuditDeps, 'digests'>, reader: AuditReader) =>
  deps.digests.list(reader.community);

/** One page of the community's commits in global order. */
export async function historyPage(
  deps: Pick<AuditDeps, 'events'>,
  reader: AuditReader,
  input: { readonly after?: string; readonly limit: number },
) {
  const page = await deps.events.readHistory({
    community: reader.community,
    after: input.after,
    limit: input.limit,
  });
  return { items: page.commits, nextCursor: page.nextAfter ?? null };
}

/** The whole history from `after` on, one JSON line per commit (read page by page: answers are buffered). */
export async function historyExport(
  deps: Pick<AuditDeps, 'events'>,
  reader: AuditReader,
  input: { readonly after?: string; readonly limit?: number },
): Promise<string> {
  const lines: string[] = [];
  let after = input.after;
  const wanted = input.limit ?? Number.POSITIVE_INFINITY;
  do {
    const limit = Math.min(1000, wanted - lines.length);
    const page = await deps.events.readHistory({ community: reader.community, after, limit });
    for (const commit of page.commits) lines.push(JSON.stringify(commit));
    after = page.nextAfter;
  } while (after && lines.length < wanted);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** One stream of the caller's community with every commit; another community's stream is not found. */
export async function auditStream(
  deps: Pick<AuditDeps, 'events'>,
  reader: AuditReader,
  input: { readonly streamId: string },
) {
  const parsed = parseStreamId(input.streamId);
  if (!parsed || parsed.community !== reader.community) throw appErrors.notFound(`stream ${input.streamId}`);
  const slice = await deps.events.readStream(input.streamId);
  if (slice.commits.length === 0) throw appErrors.notFound(`stream ${input.streamId}`);
  return { streamId: input.streamId, version: slice.version, commits: slice.commits };
}

/**
 * Which daily digests written earlier no longer follow from the history as it is now. Each digest
 * chains the one before, so one rewritten day breaks every later digest too: a day is a finding when
 * its own commits, chained to the digest it was written on, no longer give its digest; later days
 * whose only fault is that chain are one follow-on line, not a finding each. A day whose digest holds
 * is a finding too when the ledger state kept with it is not the one its history gives.
 */
export function digestFindings(stored: readonly DailyDigest[], history: readonly Commit[]): AuditFinding[] {
  const recomputed = new Map(chainDigests(history).map((d) => [d.day, d]));
  const findings: AuditFinding[] = [];
  const following: string[] = [];
  let firstMismatch: string | undefined;
  for (const written of [...stored].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    const now = recomputed.get(written.day);
    if (now?.digest === written.digest) {
      // The ledger state kept beside it is outside its hash: a report and `since` start from it.
      if (written.ledger && !sameLedger(written.ledger, now.ledger))
        findings.push(ledgerMismatch(written.day));
      continue;
    }
    const dayStillHolds = digestOf(written.day, now?.heads ?? [], written.previous) === written.digest;
    if (firstMismatch && dayStillHolds) {
      following.push(written.day);
      continue;
    }
    firstMismatch ??= written.day;
    findings.push({
      streamId: `digest ${written.day}`,
      version: 0,
      reason: 'digest mismatch',
      detail: 'the history of that day no longer gives the digest written then',
    });
  }
  if (following.length > 0) {
    const [first, last] = [following[0]!, following.at(-1)!];
    const days =
      following.length > 1
        ? `the digests of ${first} to ${last} (${following.length} days) differ only because they chain`
        : `the digest of ${first} differs only because it chains`;
    findings.push({
      streamId: `digest ${first}`,
      version: 0,
      reason: 'digest mismatch follows',
      detail: `${days} the mismatching digest of ${firstMismatch}; their own commits are unchanged`,
    });
  }
  return findings;
}

/** The state a report's mark of `digest` names, if the mark holds against the whole history. */
async function markedState(
  deps: Pick<AuditDeps, 'digests'>,
  community: string,
  digest: string,
  history: readonly Commit[],
) {
  const mark = await deps.digests.findMark(community, digest);
  if (!mark?.settled?.digest) return undefined;
  const trail = new LedgerTrail(mark.settled.digest);
  let k = 0;
  while (!trail.found && k < history.length) trail.add(history[k++]!);
  return trail.found ? markHolds({ ...mark, settled: trail.found }, history.slice(k)) : undefined;
}

/**
 * GET /audit/verify: every hash chain recomputed, and the daily digests checked against the history;
 * with `since`, only what was added after that digest (verify-since.ts).
 */
export async function verifyHistory(
  deps: Pick<AuditDeps, 'events' | 'digests'>,
  reader: AuditReader,
  input: { readonly digest?: string; readonly since?: string },
) {
  if (input.since) return verifySince(deps, reader.community, { since: input.since, digest: input.digest });
  const verifier = new ChainVerifier(input.digest);
  const history = await readWholeHistory(deps.events, reader.community);
  for (const commit of history) verifier.add(commit);
  // Not a state the chain passed through: a report's mark may say how its digest was made.
  if (input.digest && !verifier.digestNames) {
    const named = await markedState(deps, reader.community, input.digest, history);
    if (named) verifier.nameElsewhere(named);
  }
  const result = verifier.finish();
  // The daily digests written earlier must still follow from the history as it is now.
  const digestFailures = digestFindings(await deps.digests.list(reader.community), history);
  return {
    ...result,
    ledger: verifier.ledger,
    ...(verifier.digestNames ? { digestNames: verifier.digestNames } : {}),
    ok: result.ok && digestFailures.length === 0,
    failures: [...result.failures, ...digestFailures] as AuditFinding[],
  };
}
