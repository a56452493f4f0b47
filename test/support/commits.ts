import { type Commit, encodeEvent, GENESIS_HASH } from '../../events/index.js';

let seq = 0;

/**
 * A one-event commit as the store hands it to consumers, for projector tests: ids and times rise
 * with each call (a second apart), so commits made in order are in global order too.
 */
export function oneEventCommit(
  community: string,
  streamId: string,
  version: number,
  type: string,
  data: unknown,
): Commit {
  const id = String(++seq).padStart(26, '0');
  return {
    commitId: id,
    community,
    streamId,
    firstVersion: version,
    lastVersion: version,
    recordedAt: new Date(Date.UTC(2026, 4, 1) + seq * 1000).toISOString(),
    metadata: { actor: 'x', roles: [], correlationId: 'c' },
    events: [{ eventId: id, type, streamVersion: version, ...encodeEvent(type, data) }],
    prevHash: GENESIS_HASH,
    hash: GENESIS_HASH,
  };
}
