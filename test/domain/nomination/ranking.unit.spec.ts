import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NominationRow, RoundDetail } from '../../../domain/nomination/nomination.view.js';
import { rankNominations } from '../../../domain/nomination/ranking.js';

const round = (over: Partial<RoundDetail> = {}): RoundDetail => ({
  roundId: 'R',
  planId: 'P',
  title: 'Good family style 2026',
  criteria: [
    { key: 'a', label: 'Filial piety', weight: 0.6 },
    { key: 'b', label: 'Neighbourliness', weight: 0.4 },
  ],
  maxScore: 10,
  minJudges: 2,
  endorsementWeight: 0.2,
  endorsementCap: 10,
  judges: ['J1', 'J2', 'J3'],
  nominationsClose: '2026-06-01T00:00:00.000Z',
  scoringCloses: '2026-07-01T00:00:00.000Z',
  openedAt: '2026-05-01T00:00:00.000Z',
  ...over,
});

function nomination(
  id: string,
  order: number,
  scores: Record<string, [number, number]>,
  endorsements = 0,
  extra: Partial<NominationRow> = {},
): NominationRow {
  return {
    nominationId: id,
    roundId: 'R',
    householdId: `H-${id}`,
    familyName: `Family ${id}`,
    nominatedBy: 'X',
    story: 's',
    consent: { by: 'X', selfNominated: true },
    nominatedAt: `2026-05-0${order}T00:00:00.000Z`,
    status: 'open',
    endorsements,
    scores: Object.fromEntries(
      Object.entries(scores).map(([j, [a, b]]) => [
        j,
        { scores: { a, b }, recordedAt: '2026-06-10T00:00:00.000Z' },
      ]),
    ),
    recusals: {},
    ...extra,
  };
}

describe('ranking formula (API.md), against figures computed by hand', () => {
  /*
   * R = 100·(0.6·a + 0.4·b)/10.
   * J1 scored N1 (10,10)=100, N2 (5,5)=50, N3 (0,10)=40, N4 (5,5)=50: μ=60, σ²=(40²+10²+20²+10²)/4=550, σ=√550.
   *   z: N1=40/√550=1.705606, N2=N4=−10/√550=−0.426401, N3=−20/√550=−0.852803.
   * J2 scored N1 (8,8)=80 and N2 (8,8)=80: σ=0 → z=0 for both.
   * J3 scored N1 (10,10) but is recused from N1, and N3 (10,0)=60: one counting score → z=0.
   * N1: judges J1,J2; judgeMean=(100+80)/2=90; mean z=0.852803; T=58.528029; E=100·min(12,10)/10=100;
   *     final=0.8·58.528029+0.2·100=66.822423.
   * N2: judgeMean=65; mean z=−0.213201; T=47.867993; E=50; final=0.8·47.867993+10=48.294395.
   * N3: judges J1,J3; judgeMean=50; mean z=−0.426401; T=45.735985; E=0; final=36.588788.
   * N4: only J1 → insufficient-scores (minJudges 2). N5 withdrawn.
   */
  const rows = [
    nomination('N1', 1, { J1: [10, 10], J2: [8, 8], J3: [10, 10] }, 12, {
      recusals: { J3: { reason: 'close friend of the family', automatic: false } },
    }),
    nomination('N2', 2, { J1: [5, 5], J2: [8, 8] }, 5),
    nomination('N3', 3, { J1: [0, 10], J3: [10, 0] }, 0),
    nomination('N4', 4, { J1: [5, 5] }, 3),
    nomination('N5', 5, { J1: [9, 9], J2: [9, 9] }, 40, { status: 'withdrawn' }),
  ];
  const ranking = rankNominations(round(), rows);
  const byId = (id: string) => ranking.find((r) => r.nominationId === id)!;

  it('ranks by final and answers every figure rounded to 2 decimals', () => {
    expect(ranking.map((r) => [r.nominationId, r.rank, r.status])).toEqual([
      ['N1', 1, 'ranked'],
      ['N2', 2, 'ranked'],
      ['N3', 3, 'ranked'],
      ['N4', undefined, 'insufficient-scores'],
      ['N5', undefined, 'withdrawn'],
    ]);
    expect(byId('N1')).toMatchObject({ final: 66.82, judgeMean: 90, endorsements: 12 });
    expect(byId('N1').explanation).toMatchObject({
      meanZ: 0.85,
      tScore: 58.53,
      endorsementComponent: 100,
      countingJudges: 2,
      tieBreak: 'none',
    });
    expect(byId('N2')).toMatchObject({ final: 48.29, judgeMean: 65 });
    expect(byId('N3')).toMatchObject({ final: 36.59, judgeMean: 50 });
    expect(byId('N3').explanation.tScore).toBe(45.74);
    expect(byId('N4')).toMatchObject({ final: null, judgeMean: 50 });
  });

  it('explains each judge: raw, normalized, criteria breakdown, and why z is 0', () => {
    expect(byId('N1').explanation.judges).toEqual([
      {
        judgeId: 'J1',
        raw: 100,
        normalized: 1.71,
        criteria: [
          { key: 'a', score: 10, weight: 0.6, contribution: 60 },
          { key: 'b', score: 10, weight: 0.4, contribution: 40 },
        ],
      },
      {
        judgeId: 'J2',
        raw: 80,
        normalized: 0,
        normalizedNote: 'no-spread',
        criteria: [
          { key: 'a', score: 8, weight: 0.6, contribution: 48 },
          { key: 'b', score: 8, weight: 0.4, contribution: 32 },
        ],
      },
    ]);
    expect(
      byId('N3').explanation.judges.map((j) => [j.judgeId, j.raw, j.normalized, j.normalizedNote]),
    ).toEqual([
      ['J1', 40, -0.85, undefined],
      ['J3', 60, 0, 'fewer-than-two-scored'],
    ]);
    expect(byId('N1').explanation.recusals).toEqual([
      { judgeId: 'J3', reason: 'close friend of the family', automatic: false },
    ]);
  });

  it('breaks a tie on final by judgeMean', () => {
    // One score per judge → z=0 → T=50 and final=40 for both; judgeMean 100 beats 50.
    const r = rankNominations(round({ minJudges: 1 }), [
      nomination('B', 1, { J2: [5, 5] }),
      nomination('A', 2, { J1: [10, 10] }),
    ]);
    expect(r.map((e) => [e.nominationId, e.final, e.judgeMean, e.explanation.tieBreak])).toEqual([
      ['A', 40, 100, 'judgeMean'],
      ['B', 40, 50, 'judgeMean'],
    ]);
  });

  it('breaks a tie on final and judgeMean by endorsements, then by the earlier nomination', () => {
    const noEndorsementWeight = round({ minJudges: 1, endorsementWeight: 0 });
    const byEndorsements = rankNominations(noEndorsementWeight, [
      nomination('B', 1, { J1: [8, 8] }, 1),
      nomination('A', 2, { J2: [8, 8] }, 3),
    ]);
    expect(byEndorsements.map((e) => [e.nominationId, e.final, e.explanation.tieBreak])).toEqual([
      ['A', 50, 'endorsements'],
      ['B', 50, 'endorsements'],
    ]);
    const byOrder = rankNominations(noEndorsementWeight, [
      nomination('B', 2, { J1: [8, 8] }, 3),
      nomination('A', 1, { J2: [8, 8] }, 3),
    ]);
    expect(byOrder.map((e) => [e.nominationId, e.rank, e.explanation.tieBreak])).toEqual([
      ['A', 1, 'earlier-nomination'],
      ['B', 2, 'earlier-nomination'],
    ]);
  });

  it('caps the endorsement component', () => {
    const r = rankNominations(round({ minJudges: 1 }), [nomination('A', 1, { J1: [8, 8] }, 500)]);
    expect(r[0]!.explanation.endorsementComponent).toBe(100);
    expect(r[0]!.final).toBe(60);
  });
});

describe('ranking properties', () => {
  const judges = ['J1', 'J2', 'J3', 'J4'];
  const arbitraryRows = fc
    .array(
      fc.record({
        scores: fc.dictionary(
          fc.constantFrom(...judges),
          fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })),
        ),
        endorsements: fc.nat(30),
      }),
      { minLength: 2, maxLength: 7 },
    )
    .map((list) => list.map((n, i) => nomination(`N${i}`, i + 1, n.scores, n.endorsements)));

  it('does not change when one judge’s scores are all shifted by the same amount (within range)', () => {
    fc.assert(
      fc.property(
        arbitraryRows,
        fc.constantFrom(...judges),
        fc.integer({ min: 1, max: 2 }),
        (rows, judge, shift) => {
          const before = rankNominations(round(), rows);
          const shifted = rows.map((row) => {
            const s = row.scores[judge];
            if (!s) return row;
            return {
              ...row,
              scores: {
                ...row.scores,
                [judge]: { ...s, scores: { a: s.scores.a! + shift, b: s.scores.b! + shift } },
              },
            };
          });
          const after = rankNominations(round(), shifted);
          const finals = (r: typeof before) =>
            Object.fromEntries(r.map((e) => [e.nominationId, [e.final, e.status]]));
          expect(finals(after)).toEqual(finals(before));
          const distinctFinals =
            new Set(before.filter((e) => e.final !== null).map((e) => e.final)).size ===
            before.filter((e) => e.final !== null).length;
          if (distinctFinals)
            expect(after.map((e) => e.nominationId)).toEqual(before.map((e) => e.nominationId));
        },
      ),
      { numRuns: 200 },
    );
  });
});
