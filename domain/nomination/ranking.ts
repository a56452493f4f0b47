import type { NominationRow, RoundDetail } from './nomination.view.js';

export type RankingStatus = 'ranked' | 'insufficient-scores' | 'withdrawn';
export type TieBreak = 'none' | 'judgeMean' | 'endorsements' | 'earlier-nomination';

export interface JudgeScore {
  readonly judgeId: string;
  readonly raw: number;
  readonly normalized: number;
  /** Why z is 0, when it is. */
  readonly normalizedNote?: 'fewer-than-two-scored' | 'no-spread';
  readonly criteria: readonly { key: string; score: number; weight: number; contribution: number }[];
}

export interface RankingEntry {
  readonly nominationId: string;
  readonly familyName: string;
  readonly rank?: number;
  readonly status: RankingStatus;
  readonly final: number | null;
  readonly judgeMean: number | null;
  readonly endorsements: number;
  readonly explanation: {
    readonly judges: readonly JudgeScore[];
    readonly countingJudges: number;
    readonly minJudges: number;
    readonly meanZ: number | null;
    readonly tScore: number | null;
    readonly endorsementComponent: number;
    readonly recusals: readonly { judgeId: string; reason: string; automatic: boolean }[];
    readonly tieBreak: TieBreak;
  };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
/** Figures equal up to floating-point noise are ties: descending order otherwise. */
const TIE = 1e-9;
const descending = (a: number, b: number) => (Math.abs(a - b) < TIE ? 0 : b - a);
/** Figures are rounded only in the answer; ranking uses the unrounded values. */
export const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

/** `R = 100 · Σ_k w_k · s_k / M` */
export function rawScore(
  round: Pick<RoundDetail, 'criteria' | 'maxScore'>,
  scores: Readonly<Record<string, number>>,
): number {
  return (100 * round.criteria.reduce((sum, c) => sum + c.weight * (scores[c.key] ?? 0), 0)) / round.maxScore;
}

interface Working {
  row: NominationRow;
  judges: { judgeId: string; raw: number; scores: Record<string, number> }[];
}

/**
 * The "good family style" ranking, exactly as API.md defines it:
 * raw weighted score per judge; per-judge z-scores over the nominations that judge scored (latest
 * score, recusals and withdrawn nominations excluded); T = 50 + 10·mean(z) for nominations with at
 * least `minJudges` counting judges; final = (1 − ew)·T + ew·E with E = 100·min(endorsements, cap)/cap;
 * ordered by final, then judgeMean, then endorsements, then the earlier nomination.
 */
export function rankNominations(round: RoundDetail, rows: readonly NominationRow[]): RankingEntry[] {
  const working: Working[] = rows.map((row) => ({
    row,
    judges:
      row.status === 'withdrawn'
        ? []
        : Object.entries(row.scores)
            .filter(([judgeId]) => round.judges.includes(judgeId) && !row.recusals[judgeId])
            .map(([judgeId, s]) => ({ judgeId, raw: rawScore(round, s.scores), scores: s.scores }))
            .sort((a, b) => a.judgeId.localeCompare(b.judgeId)),
  }));

  // Per judge: μ and population σ over the nominations that judge scored.
  const byJudge = new Map<string, number[]>();
  for (const w of working)
    for (const j of w.judges) byJudge.set(j.judgeId, [...(byJudge.get(j.judgeId) ?? []), j.raw]);
  const stats = new Map<string, { mu: number; sigma: number; n: number }>();
  for (const [judgeId, raws] of byJudge) {
    const mu = mean(raws);
    stats.set(judgeId, { mu, sigma: Math.sqrt(mean(raws.map((r) => (r - mu) ** 2))), n: raws.length });
  }

  const cap = round.endorsementCap;
  const ew = round.endorsementWeight;
  const computed = working.map(({ row, judges }) => {
    const judgeScores: JudgeScore[] = judges.map((j) => {
      const s = stats.get(j.judgeId)!;
      // σ below floating-point noise is σ = 0: 0.6·3+0.4·3 and 0.6·1+0.4·6 must count as the same score.
      const note =
        s.n < 2 ? ('fewer-than-two-scored' as const) : s.sigma < TIE ? ('no-spread' as const) : undefined;
      return {
        judgeId: j.judgeId,
        raw: j.raw,
        normalized: note ? 0 : (j.raw - s.mu) / s.sigma,
        ...(note ? { normalizedNote: note } : {}),
        criteria: round.criteria.map((c) => ({
          key: c.key,
          score: j.scores[c.key] ?? 0,
          weight: c.weight,
          contribution: (100 * c.weight * (j.scores[c.key] ?? 0)) / round.maxScore,
        })),
      };
    });
    const endorsementComponent = (100 * Math.min(row.endorsements, cap)) / cap;
    const status: RankingStatus =
      row.status === 'withdrawn'
        ? 'withdrawn'
        : judgeScores.length >= round.minJudges
          ? 'ranked'
          : 'insufficient-scores';
    const judgeMean = judgeScores.length > 0 ? mean(judgeScores.map((j) => j.raw)) : null;
    const meanZ = status === 'ranked' ? mean(judgeScores.map((j) => j.normalized)) : null;
    const tScore = meanZ === null ? null : 50 + 10 * meanZ;
    const final = tScore === null ? null : (1 - ew) * tScore + ew * endorsementComponent;
    return { row, judgeScores, endorsementComponent, status, judgeMean, meanZ, tScore, final };
  });

  type C = (typeof computed)[number];
  const keys: [TieBreak, (a: C, b: C) => number][] = [
    ['judgeMean', (a, b) => descending(a.judgeMean!, b.judgeMean!)],
    ['endorsements', (a, b) => b.row.endorsements - a.row.endorsements],
    [
      'earlier-nomination',
      (a, b) =>
        a.row.nominatedAt.localeCompare(b.row.nominatedAt) ||
        a.row.nominationId.localeCompare(b.row.nominationId),
    ],
  ];
  const sameFinal = (a: C, b: C) => descending(a.final!, b.final!) === 0;
  const compare = (a: C, b: C) =>
    descending(a.final!, b.final!) || keys.reduce((r, [, k]) => r || k(a, b), 0);
  /** The first rule that separates two entries with the same final score. */
  const separatedBy = (a: C, b: C): TieBreak =>
    sameFinal(a, b) ? (keys.find(([, k]) => k(a, b) !== 0)?.[0] ?? 'none') : 'none';

  const ranked = computed.filter((c) => c.status === 'ranked').sort(compare);
  const others = computed
    .filter((c) => c.status !== 'ranked')
    .sort((a, b) =>
      a.status === b.status
        ? a.row.nominatedAt.localeCompare(b.row.nominatedAt)
        : a.status === 'insufficient-scores'
          ? -1
          : 1,
    );

  const entry = (c: C, rank: number | undefined, tieBreak: TieBreak): RankingEntry => ({
    nominationId: c.row.nominationId,
    familyName: c.row.familyName,
    ...(rank !== undefined ? { rank } : {}),
    status: c.status,
    final: c.final === null ? null : round2(c.final),
    judgeMean: c.judgeMean === null ? null : round2(c.judgeMean),
    endorsements: c.row.endorsements,
    explanation: {
      judges: c.judgeScores.map((j) => ({
        ...j,
        raw: round2(j.raw),
        normalized: round2(j.normalized),
        criteria: j.criteria.map((k) => ({ ...k, contribution: round2(k.contribution) })),
      })),
      countingJudges: c.judgeScores.length,
      minJudges: round.minJudges,
      meanZ: c.meanZ === null ? null : round2(c.meanZ),
      tScore: c.tScore === null ? null : round2(c.tScore),
      endorsementComponent: round2(c.endorsementComponent),
      recusals: Object.entries(c.row.recusals)
        .map(([judgeId, r]) => ({ judgeId, ...r }))
        .sort((a, b) => a.judgeId.localeCompare(b.judgeId)),
      tieBreak,
    },
  });

  return [
    ...ranked.map((c, i) => {
      const neighbours = [ranked[i - 1], ranked[i + 1]].filter(
        (n): n is C => n !== undefined && sameFinal(c, n),
      );
      const tieBreak = neighbours.map((n) => separatedBy(c, n)).find((t) => t !== 'none') ?? 'none';
      return entry(c, i + 1, tieBreak);
    }),
    ...others.map((c) => entry(c, undefined, 'none')),
  ];
}
