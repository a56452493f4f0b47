import fc from 'fast-check';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH } from '../../../events/index.js';
import { commitFromItem, itemOfCommit, sealCommit } from '../../../functions/adapters/commit-item.js';
import { commitHash } from '../../../functions/app/audit/hashing.js';
import { commitBody } from '../../../functions/app/audit/verification.js';

const request = (community: string, streamId: string) => ({
  community,
  streamId,
  expectedVersion: 4,
  prevHash: GENESIS_HASH,
  events: [
    { type: 'ResidentAttended', data: { residentId: 'R1', method: 'qr', at: '2026-04-24T02:00:00.000Z' } },
    { type: 'ResidentAttended', data: { residentId: 'R2', method: 'kiosk', at: '2026-04-24T02:00:00.000Z' } },
  ],
  metadata: { actor: 'a', roles: ['organizer'], correlationId: 'c', idempotencyKey: 'k' },
});

/** Ids as the store makes them: ULIDs of the instant asked for, or of a later one (as a monotonic factory may; `ulid(0)` would be now). */
const idsAt = (ms: number) => ({ next: () => ulid(ms) });
const YEAR_10000 = 253_402_300_800_000;
const ULID_LAST_MS = 2 ** 48 - 1;

describe('a commit item rebuilds exactly the commit that was sealed', () => {
  it('at any instant a commit id can name, before year 10,000 and after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: ULID_LAST_MS }), fc.boolean(), (ms, sameInstant) => {
        const recordedAt = new Date(Math.min(ms, 8.64e15));
        const idMs = sameInstant ? ms : ms === ULID_LAST_MS ? 1 : ms + 1;
        const { body, hash } = sealCommit(request('c1', 'c1#activity#A'), recordedAt, idsAt(idMs));
        const commit = { ...body, prevHash: GENESIS_HASH, hash };
        const item = itemOfCommit(commit);
        expect(item.facts).toBeTypeOf('string');
        expect('at' in JSON.parse(String(item.facts))).toBe(!sameInstant);
        expect(canonicalJson(commitFromItem(item))).toBe(canonicalJson(commit));
      }),
      {
        numRuns: 300,
        examples: [
          [1, true],
          [YEAR_10000 - 1, true],
          [YEAR_10000, true],
          [ULID_LAST_MS, true],
        ],
      },
    );
  });

  it('keeps a community the stream id does not start with', () => {
    const { body, hash } = sealCommit(request('c2', 'elsewhere#activity#A'), new Date(1000), idsAt(1000));
    const item = itemOfCommit({ ...body, prevHash: GENESIS_HASH, hash });
    expect(JSON.parse(String(item.facts)).n).toBe('c2');
    expect(commitFromItem(item).community).toBe('c2');
  });

  it('never throws on a damaged commit id: the commit rebuilt from it no longer hashes as sealed', () => {
    const { body, hash } = sealCommit(request('c1', 'c1#activity#A'), new Date(1000), idsAt(1000));
    const item = itemOfCommit({ ...body, prevHash: GENESIS_HASH, hash });
    for (const commitId of ['!!', '', 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ', `${body.commitId}Z`]) {
      const rebuilt = commitFromItem({ ...item, commitId });
      expect(commitHash(rebuilt.prevHash, canonicalJson(commitBody(rebuilt)))).not.toBe(hash);
    }
    expect(commitFromItem({ ...item, commitId: '!!' }).recordedAt).toBe('');
  });
});
