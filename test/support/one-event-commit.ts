import type { Commit, StoredEvent } from '../../events/index.js';

/** A stored commit of one event, first of its stream: what the publisher announces, for bus tests. */
export function oneEventCommit(
  streamId: string,
  event: Pick<StoredEvent, 'type' | 'schemaVersion' | 'data'>,
): Commit {
  return {
    commitId: '01J00000000000000000000000',
    community: streamId.split('#')[0]!,
    streamId,
    firstVersion: 1,
    lastVersion: 1,
    recordedAt: '2026-03-01T02:00:00.000Z',
    metadata: { correlationId: 'c', actor: 'a', roles: ['admin'] },
    events: [{ eventId: '01J00000000000000000000001', streamVersion: 1, ...event }],
    prevHash: '0'.repeat(64),
    hash: 'h',
  };
}
