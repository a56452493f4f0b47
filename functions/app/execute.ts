import type { Decider } from '../../domain/shared/decider.js';
import type { DomainError } from '../../domain/shared/errors.js';
import { type AggregateKind, streamIdOf } from '../../domain/shared/ids.js';
import type { Caller } from './authorization.js';
import type { CommandAccepted, CommandBuilder, CommandService, SnapshotPolicy } from './command-handler.js';
import { commitMetadataOf } from './commit-metadata.js';
import type { IdempotentRun } from './idempotency.js';
import type { NoteWrite } from './session-writes.js';

/** The caller of a use case: who they are, what roles they hold, and the community they act in. */
export interface Actor extends Caller {
  readonly community: string;
}

/**
 * A command's caller with what their request brings to the commit: the correlation id and
 * Idempotency-Key it records, the claim it runs under, `If-Match`, and which ids the request issued
 * (a stream named by one of them is new). An HTTP request is one as it is.
 */
export interface CommandActor {
  readonly principal: Actor;
  readonly correlationId: string;
  readonly idempotencyKey: string | undefined;
  readonly idempotency: IdempotentRun | undefined;
  readonly expectedVersion: number | undefined;
  readonly ids: { issued(id: string): boolean };
  /** Notes the commit in the caller's session, beside the commit itself (read-your-writes). */
  readonly noteWrite?: NoteWrite;
}

/** What a command use case answers: the id it is about and the command service's outcome (or refusal). */
export interface CommandResult {
  readonly id: string;
  readonly outcome: CommandAccepted | DomainError;
}

/** Who and why, recorded with every commit (in a module of its own: routes use it without the use cases). */
export { commitMetadataOf };

/**
 * Runs a command on one aggregate's stream in the actor's community, with the request's metadata,
 * If-Match and idempotency claim: the one path a use case's command takes to the store.
 */
export async function executeOn<C, S, E extends { type: string; data: unknown }>(
  commands: CommandService,
  actor: CommandActor,
  target: { decider: Decider<C, S, E>; kind: AggregateKind; id: string; snapshots?: SnapshotPolicy },
  command: C | CommandBuilder<C, S>,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const outcome = await commands.execute({
    decider: target.decider,
    community,
    streamId: streamIdOf(community, target.kind, target.id),
    command,
    metadata: commitMetadataOf(actor),
    expectedVersion: actor.expectedVersion,
    snapshots: target.snapshots,
    idempotency: actor.idempotency,
    // A stream named by an id this request issued is new: append at version 0 without reading it.
    fresh: actor.ids.issued(target.id),
    noteWrite: actor.noteWrite,
  });
  return { id: target.id, outcome };
}
