import * as z from 'zod';

/** Who caused a commit and why: carried by every commit, never by the domain payload. */
export const CommitMetadata = z.object({
  actor: z.string().min(1),
  roles: z.array(z.string()).default([]),
  correlationId: z.string().min(1),
  idempotencyKey: z.string().max(128).optional(),
});
export type CommitMetadata = z.infer<typeof CommitMetadata>;

/** One event as stored inside a commit: the payload at the schema version it was written with. */
export const StoredEvent = z.object({
  eventId: z.string().min(1),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  streamVersion: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
});
export type StoredEvent = z.infer<typeof StoredEvent>;

/**
 * Everything one command decided, appended atomically. Its canonical JSON is what the hash chain
 * covers, so the fields here are the audited facts.
 */
export const CommitBody = z.object({
  commitId: z.string().min(1),
  community: z.string().min(1),
  streamId: z.string().min(1),
  firstVersion: z.number().int().positive(),
  lastVersion: z.number().int().positive(),
  recordedAt: z.string().datetime({ offset: true }),
  metadata: CommitMetadata,
  events: z.array(StoredEvent).min(1),
});
export type CommitBody = z.infer<typeof CommitBody>;

/** A commit with its place in the stream's hash chain. */
export type Commit = CommitBody & { prevHash: string; hash: string };

export const GENESIS_HASH = '0'.repeat(64);
