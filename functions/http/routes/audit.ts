import { decodeTime } from 'ulid';
import * as z from 'zod';
import { AuditCommit, DailyDigestAnswer } from '../answer-schemas.js';
import { writeMissingDigests } from '../command-cases.js';
import { auditStream, historyExport, historyPage, listDigests, verifyHistory } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { LedgerStateAnswer } from './report-answer.js';

const auditors = ['auditor', 'admin'] as const;

const EARLIEST_COMMIT = Date.parse('2000-01-01T00:00:00Z');
const LATEST_COMMIT = Date.parse('9999-12-31T23:59:59.999Z');

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    path: '/audit/digests',
    operationId: 'auditDigests',
    summary:
      'The chain of daily digests (each chains the heads of the streams changed that day to the previous digest)',
    tag: 'Audit',
    kind: 'query',
    roles: [...auditors],
    response: {
      status: 200,
      description: 'The digests, oldest first',
      schema: z.object({ items: z.array(DailyDigestAnswer) }),
    },
    async handle({ principal }, deps) {
      return { status: 200, body: { items: await listDigests(deps, principal) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/audit/digests',
    operationId: 'writeDigests',
    summary: 'Write the digests of the days that have ended and have none yet (the daily job does this too)',
    tag: 'Audit',
    kind: 'command',
    roles: ['admin', 'auditor'],
    response: {
      status: 201,
      description: 'The digests written now',
      schema: z.object({ written: z.array(DailyDigestAnswer) }),
    },
    async handle({ principal }, deps) {
      const written = await writeMissingDigests(deps, principal);
      return { status: written.length > 0 ? 201 : 200, body: { written } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/audit/events',
    operationId: 'auditEvents',
    summary:
      "The community's commits in global order with versions, hashes and metadata (Accept: application/x-ndjson for all of it)",
    tag: 'Audit',
    kind: 'query',
    roles: [...auditors],
    query: z.object({
      // A commit id we answered. A ULID's first character carries the top bits of its 48-bit time:
      // past 7 decoding throws; past the year 9999 the history's month buckets cannot be named; before
      // 2000 there is no history, only months to step through one query at a time.
      after: z
        .string()
        .regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, 'not a commit id (ULID)')
        .refine((id) => {
          try {
            const at = decodeTime(id);
            return at >= EARLIEST_COMMIT && at <= LATEST_COMMIT;
          } catch {
            return false; // zod runs this check even when the pattern above already failed
          }
        }, 'not a commit id of this ledger')
        .optional(),
      // A page holds 100 unless asked; the NDJSON export holds everything unless asked.
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    response: {
      status: 200,
      description: 'A page of commits, or NDJSON',
      schema: z.object({ items: z.array(AuditCommit), nextCursor: z.string().nullable() }),
      alternatives: [
        {
          contentType: 'application/x-ndjson',
          description:
            'With `Accept: application/x-ndjson`: one commit per line (after `after`, at most `limit` if given)',
        },
      ],
    },
    async handle({ query, principal, headers }, deps) {
      if (/application\/x-ndjson/.test(headers.accept ?? '')) {
        return {
          status: 200,
          text: await historyExport(deps, principal, { after: query.after, limit: query.limit }),
          headers: { 'content-type': 'application/x-ndjson' },
        };
      }
      return {
        status: 200,
        body: await historyPage(deps, principal, { ...query, limit: query.limit ?? 100 }),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/audit/streams/{streamId}',
    operationId: 'auditStream',
    summary: 'One stream, every version, with its hash chain',
    tag: 'Audit',
    kind: 'query',
    roles: [...auditors],
    params: z.object({ streamId: z.string().max(300) }),
    response: {
      status: 200,
      description: 'The stream',
      schema: z.object({
        streamId: z.string(),
        version: z.number(),
        commits: z.array(AuditCommit),
      }),
    },
    async handle({ params, principal }, deps) {
      return { status: 200, body: await auditStream(deps, principal, { streamId: params.streamId }) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/audit/verify',
    operationId: 'auditVerify',
    summary:
      'Recompute every hash chain of the community (or only what was added after `since`) and name each failure',
    tag: 'Audit',
    kind: 'query',
    roles: [...auditors],
    query: z.object({
      digest: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional()
        .describe(
          "Passes if it is the heads digest of the history as it is, or a state the ledger passed through (a report's `ledger.digest`)",
        ),
      since: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional()
        .describe(
          "Check only what was added after this digest: a state the ledger passed through (a report's or an earlier verification's `ledger.digest`) or a daily digest (its `digest` or `ledger.digest`); one the ledger never passed through is refused with 404 `digest-not-in-ledger`",
        ),
    }),
    response: {
      status: 200,
      description: 'The verification',
      schema: z.object({
        ok: z.boolean(),
        checkedEvents: z.number(),
        checkedCommits: z.number(),
        streams: z.number(),
        headsDigest: z.string(),
        ledger: LedgerStateAnswer.describe(
          'The running digest of the ledger after its last commit: keep it, and pass it as `since` next time',
        ),
        since: LedgerStateAnswer.optional().describe(
          'With `since`: the state it names, where this verification started; `checkedCommits` are the commits added after it',
        ),
        digestNames: LedgerStateAnswer.optional().describe(
          'The ledger state `?digest=` names when it is not the heads digest: how far the history went then',
        ),
        failures: z.array(
          z.object({
            streamId: z.string(),
            version: z.number(),
            reason: z
              .string()
              .describe(
                "hash mismatch, gap, unexpected commit or digest mismatch; 'digest mismatch follows' once for the later daily digests that differ only because they chain a mismatching one; 'ledger mismatch' for a daily digest whose kept ledger state is not the one its history gives",
              ),
            detail: z.string(),
          }),
        ),
      }),
    },
    async handle({ principal, query }, deps) {
      return {
        status: 200,
        body: await verifyHistory(deps, principal, { digest: query.digest, since: query.since }),
      };
    },
  }),
];
