import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankNominations } from '../../../domain/scoring/ranking.js';
import { projections } from '../../../domain/views/index.js';
import {
  type NominationRow,
  type RoundDetail,
  roundKey,
  roundNominationsList,
} from '../../../domain/views/nomination.view.js';
import { type Commit, encodeEvent, GENESIS_HASH } from '../../../events/index.js';
import { InMemoryViewStore } from '../../../functions/adapters/memory-view-store.js';
import { Projector } from '../../../functions/projector/projector.js';

const C = 'demo';
const judges = ['J1', 'J2', 'J3'];
let seq = 0;

function commit(streamId: string, version: number, type: string, data: unknown): Commit {
  const id = String(++seq).padStart(26, '0');
  return {
    commitId: id,
    community: C,
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

/** A round and its nominations as per-stream commit lists, from generated scores and endorsements. */
const arbitraryRound = fc
  .array(
    fc.record({
      scores: fc.array(
        fc.tuple(
          fc.constantFrom(...judges),
          fc.integer({ min: 0, max: 10 }),
          fc.integer({ min: 0, max: 10 }),
        ),
        { maxLength: 5 },
      ),
      endorsements: fc.nat(6),
      recuse: fc.option(fc.constantFrom(...judges), { nil: undefined }),
      withdrawn: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((nominations) => {
    const streams: Commit[][] = [
      [
        commit(`${C}#round#R`, 1, 'RoundOpened', {
          roundId: 'R',
          planId: 'P',
          title: 't',
          criteria: [
            { key: 'a', label: 'A', weight: 0.5 },
            { key: 'b', label: 'B', weight: 0.5 },
          ],
          maxScore: 10,
          minJudges: 2,
          endorsementWeight: 0.2,
          endorsementCap: 5,
          judges,
          nominationsClose: '2026-06-01T00:00:00.000Z',
          scoringCloses: '2026-07-01T00:00:00.000Z',
        }),
      ],
    ];
    nominations.forEach((n, i) => {
      const streamId = `${C}#nomination#N${i}`;
      const list: Commit[] = [];
      let v = 0;
      list.push(
        commit(streamId, ++v, 'FamilyNominated', {
          nominationId: `N${i}`,
          roundId: 'R',
          householdId: `H${i}`,
          familyName: `F${i}`,
          nominatedBy: 'X',
          story: 's',
          consent: { by: 'X', selfNominated: true },
        }),
      );
      for (let e = 0; e < n.endorsements; e++)
        list.push(commit(streamId, ++v, 'NominationEndorsed', { residentId: `E${e}` }));
      for (const [judgeId, a, b] of n.scores)
        list.push(commit(streamId, ++v, 'NominationScored', { judgeId, scores: { a, b } }));
      if (n.recuse)
        list.push(
          commit(streamId, ++v, 'JudgeRecused', { judgeId: n.recuse, reason: 'conflict', automatic: false }),
        );
      if (n.withdrawn) list.push(commit(streamId, ++v, 'NominationWithdrawn', { reason: 'w' }));
      streams.push(list);
    });
    return streams;
  });

async function rankingAfter(commits: readonly Commit[]) {
  const views = new InMemoryViewStore();
  const projector = new Projector(views, projections);
  for (const c of commits) await projector.applyCommit(c);
  const round = await views.get<RoundDetail>(roundKey(C, 'R'));
  const rows = (
    await views.list<NominationRow>({ list: roundNominationsList(C, 'R'), limit: 1000 })
  ).items.map((i) => i.data);
  return rankNominations(round!.data, rows);
}

/** Interleaves streams in a random order that keeps each stream's own order, and delivers some commits twice. */
function shuffled(streams: Commit[][], choices: number[], duplicates: number[]): Commit[] {
  const queues = streams.map((s) => [...s]);
  const out: Commit[] = [];
  let k = 0;
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    const q = live[(choices[k++ % choices.length] ?? 0) % live.length]!;
    const next = q.shift()!;
    out.push(next);
    if (duplicates.includes(out.length)) out.push(next);
  }
  return out;
}

describe('ranking from projected views', () => {
  it('is the same whatever order the streams’ events arrive in, and when commits are delivered twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryRound,
        fc.array(fc.nat(20), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(40), { maxLength: 8 }),
        async (streams, choices, duplicates) => {
          const inOrder = await rankingAfter(streams.flat());
          const reordered = await rankingAfter(shuffled(streams, choices, duplicates));
          expect(reordered).toEqual(inOrder);
          expect(inOrder.length).toBe(streams.length - 1);
        },
      ),
      { numRuns: 100 },
    );
  });
});
