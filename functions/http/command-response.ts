import type { Decider } from '../../domain/shared/decider.js';
import type { DomainError } from '../../domain/shared/errors.js';
import { isDomainError } from '../../domain/shared/errors.js';
import { type AggregateKind, streamIdOf } from '../../domain/shared/ids.js';
import type { CommitMetadata } from '../../events/index.js';
import type { CommandAccepted, CommandService, SnapshotPolicy } from '../app/command-handler.js';
import type { IdempotentRun, RequestIds } from '../app/idempotency.js';
import { encodePosition } from '../app/position.js';
import { DomainRefusal } from '../middleware/problem.js';
import type { Principal } from './principal.js';
import type { RouteResponse } from './route.js';

/** 201 with the command answer, or the domain's refusal for the error mapper. A no-op decision answers 200. */
export function commandResponse(id: string, outcome: CommandAccepted | DomainError): RouteResponse {
  if (isDomainError(outcome)) throw new DomainRefusal(outcome);
  return {
    status: outcome.events.length > 0 ? 201 : 200,
    headers: { etag: `"${outcome.version}"` },
    body: {
      id,
      streamId: outcome.streamId,
      version: outcome.version,
      events: outcome.events,
      position: encodePosition({ streamId: outcome.streamId, version: outcome.version }),
    },
  };
}

/** Who and why, recorded with every commit. */
export function commitMetadata(request: {
  principal: Principal;
  correlationId: string;
  idempotencyKey: string | undefined;
}): CommitMetadata {
  return {
    actor: request.principal.sub,
    roles: [...request.principal.roles],
    correlationId: request.correlationId,
    idempotencyKey: request.idempotencyKey,
  };
}

/**
 * Runs a command on one aggregate's stream in the caller's community, with the request's metadata and
 * If-Match, and answers it: the one path every command route takes.
 */
export async function executeOn<C, S, E extends { type: string; data: unknown }>(
  request: {
    principal: Principal;
    correlationId: string;
    idempotencyKey: string | undefined;
    idempotency: IdempotentRun | undefined;
    expectedVersion: number | undefined;
    ids: RequestIds;
  },
  commands: CommandService,
  target: { decider: Decider<C, S, E>; kind: AggregateKind; id: string; snapshots?: SnapshotPolicy },
  command: C | ((state: S, version: number) => C | DomainError),
): Promise<RouteResponse> {
  const { community } = request.principal;
  const outcome = await commands.execute({
    decider: target.decider,
    community,
    streamId: streamIdOf(community, target.kind, target.id),
    command,
    metadata: commitMetadata(request),
    expectedVersion: request.expectedVersion,
    snapshots: target.snapshots,
    idempotency: request.idempotency,
    // A stream named by an id this request issued is new: append at version 0 without reading it.
    fresh: request.ids.issued(target.id),
  });
  return commandResponse(target.id, outcome);
}
