import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type NominationRow,
  type RoundDetail,
  roundKey,
  roundNominationsList,
} from '../../../domain/nomination/nomination.view.js';
import { rankNominations } from '../../../domain/nomination/ranking.js';
import { projections } from '../../../domain/projections.js';
import type { Commit } from '../../../events/index.js';
import { InMemoryViewStore } from '../../../functions/adapters/memory-view-store.js';
import { Projector } from '../../../functions/projector/projector.js';
import { createCommitBatchHandler, streamRecordOf } from '../../../functions/streams/commit-stream.js';
import { oneEventCommit } from '../../support/commits.js';

const C = 'demo';
const judges = ['J1', 'J2', 'J3'];

const commit = (streamId: string, version: number, type: string, data: unknown) =>
  oneEventCommit(C, streamId, version, type, data);

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

describe('the projector in stream batches (as Lambda and the local dispatcher hand them over)', () => {
  async function viewsAfter(batches: readonly (readonly Commit[])[], failing?: string) {
    const views = new InMemoryViewStore();
    const projector = new Projector(views, projections);
    const handler = createCommitBatchHandler(
      'projection',
      async (commits) => {
        const failed = new Set(await projector.applyBatch(commits.filter((c) => c.streamId !== failing)));
        if (failing && commits.some((c) => c.streamId === failing)) failed.add(failing);
        return failed;
      },
      { error: () => undefined },
    );
    const answers = [];
    for (const batch of batches) answers.push(await handler({ Records: batch.map(streamRecordOf) }));
    return {
      items: [...views.items.values()]
        .map(({ revision: _, ...item }) => item)
        .sort((a, b) => `${a.pk}/${a.sk}`.localeCompare(`${b.pk}/${b.sk}`)),
      answers,
    };
  }

  it('leaves every view item exactly as applying the commits one by one does, whatever the batch sizes and redeliveries', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryRound,
        fc.array(fc.nat(20), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(40), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 10 }),
        async (streams, choices, duplicates, sizes) => {
          const one = await viewsAfter(streams.flat().map((c) => [c]));
          const arrival = shuffled(streams, choices, duplicates);
          const batches: Commit[][] = [];
          for (let at = 0, k = 0; at < arrival.length; k++) {
            const size = sizes[k % sizes.length]!;
            batches.push(arrival.slice(at, at + size));
            at += size;
          }
          expect((await viewsAfter(batches)).items).toEqual(one.items);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports a failed stream from its first record on, so the retry never applies a stream out of order', async () => {
    const a = [
      commit(`${C}#resident#A`, 1, 'ResidentEnrolled', {
        residentId: 'A',
        name: 'A',
        householdId: 'H',
        partyMember: false,
      }),
    ];
    const b = [
      commit(`${C}#resident#B`, 1, 'ResidentEnrolled', {
        residentId: 'B',
        name: 'B',
        householdId: 'H',
        partyMember: false,
      }),
    ];
    const c = [
      commit(`${C}#resident#C`, 1, 'ResidentEnrolled', {
        residentId: 'C',
        name: 'C',
        householdId: 'H',
        partyMember: false,
      }),
    ];
    const { answers, items } = await viewsAfter([[...a, ...b, ...c]], `${C}#resident#B`);
    expect(answers[0]!.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      b[0]!.commitId,
      c[0]!.commitId,
    ]);
    // A and C were applied; B was not (C comes again with the retry and is skipped then).
    const owners = new Set(items.map((i) => i.owner));
    expect(owners.has(`${C}#resident#A`)).toBe(true);
    expect(owners.has(`${C}#resident#C`)).toBe(true);
    expect(owners.has(`${C}#resident#B`)).toBe(false);
  });
});
