import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../../events/index.js';
import { InMemoryEventStore } from '../../../../functions/adapters/memory-event-store.js';
import { CommitTooLarge, MAX_COMMIT_BYTES } from '../../../../functions/app/ports.js';
import { problemFor, problemResponse } from '../../../../functions/http/middleware/problem.js';
import { ManualClock } from '../../../support/clock.js';

describe('problem+json for errors that are not domain refusals', () => {
  it('a commit too large to store is 413 commit-too-large, never a 500, and its size stays inside', async () => {
    const store = new InMemoryEventStore({ clock: new ManualClock('2026-05-01T00:00:00.000Z') });
    const error = await store
      .append({
        community: 'c1',
        streamId: 'c1#resident#F',
        expectedVersion: 0,
        prevHash: GENESIS_HASH,
        events: [
          {
            type: 'ResidentEnrolled',
            data: {
              residentId: 'F',
              name: 'x'.repeat(MAX_COMMIT_BYTES),
              householdId: 'H',
              partyMember: false,
            },
          },
        ],
        metadata: { actor: 'a', roles: [], correlationId: 'c' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommitTooLarge);
    const problem = problemFor(error);
    expect(problem).toEqual({
      type: '/problems/commit-too-large',
      title: 'Content Too Large',
      status: 413,
      code: 'commit-too-large',
      detail: 'what this request would record is too large to store; send less',
    });
    const response = problemResponse(problem);
    expect(response.statusCode).toBe(413);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(response.body).not.toMatch(/bytes|exceeds/);
  });

  it('anything unknown is still a 500 that leaks nothing', () => {
    expect(problemFor(new Error('secret detail'))).toMatchObject({ status: 500, code: 'internal-error' });
    expect(JSON.stringify(problemFor(new Error('secret detail')))).not.toContain('secret');
  });
});
