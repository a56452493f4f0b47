import { z } from 'zod';
import { parseStreamId } from '../../../domain/shared/ids.js';
import { appErrors } from '../../app/errors.js';
import { ChainVerifier } from '../../audit/verify.js';
import { defineRoute } from '../route.js';

const auditors = ['auditor', 'admin'] as const;

export const auditRoutes = [
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
      after: z
        .string()
        .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)
        .optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: {
      status: 200,
      description: 'A page of commits, or NDJSON',
      schema: z.object({
        items: z.array(z.record(z.string(), z.unknown())),
        nextCursor: z.string().nullable(),
      }),
    },
    async handle({ query, principal, headers }, deps) {
      const community = principal.community;
      if (/application\/x-ndjson/.test(headers.accept ?? '')) {
        // API Gateway buffers answers: the export is built page by page, one line per commit.
        const lines: string[] = [];
        let after = query.after;
        do {
          const page = await deps.events.readHistory({ community, after, limit: 1000 });
          for (const commit of page.commits) lines.push(JSON.stringify(commit));
          after = page.nextAfter;
        } while (after);
        return {
          status: 200,
          text: lines.length ? `${lines.join('\n')}\n` : '',
          headers: { 'content-type': 'application/x-ndjson' },
        };
      }
      const page = await deps.events.readHistory({ community, after: query.after, limit: query.limit });
      return { status: 200, body: { items: page.commits, nextCursor: page.nextAfter ?? null } };
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
        commits: z.array(z.record(z.string(), z.unknown())),
      }),
    },
    async handle({ params, principal }, deps) {
      const parsed = parseStreamId(params.streamId);
      if (!parsed || parsed.community !== principal.community)
        throw appErrors.notFound(`stream ${params.streamId}`);
      const slice = await deps.events.readStream(params.streamId);
      if (slice.commits.length === 0) throw appErrors.notFound(`stream ${params.streamId}`);
      return {
        status: 200,
        body: { streamId: params.streamId, version: slice.version, commits: slice.commits },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/audit/verify',
    operationId: 'auditVerify',
    summary: 'Recompute every hash chain of the community and name each failure',
    tag: 'Audit',
    kind: 'query',
    roles: [...auditors],
    query: z.object({
      digest: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
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
        failures: z.array(
          z.object({ streamId: z.string(), version: z.number(), reason: z.string(), detail: z.string() }),
        ),
      }),
    },
    async handle({ principal, query }, deps) {
      const verifier = new ChainVerifier();
      let after: string | undefined;
      do {
        const page = await deps.events.readHistory({ community: principal.community, after, limit: 1000 });
        for (const commit of page.commits) verifier.add(commit);
        after = page.nextAfter;
      } while (after);
      return { status: 200, body: verifier.finish(query.digest) };
    },
  }),
];
