import type { CommitMetadata } from '../../events/index.js';
import type { Caller } from './authorization.js';

/** Who and why, recorded with every commit: from a command's caller (an HTTP request is one as it is). */
export const commitMetadataOf = (actor: {
  readonly principal: Caller;
  readonly correlationId: string;
  readonly idempotencyKey: string | undefined;
}): CommitMetadata => ({
  actor: actor.principal.sub,
  roles: [...actor.principal.roles],
  correlationId: actor.correlationId,
  idempotencyKey: actor.idempotencyKey,
});
