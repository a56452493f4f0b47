import {
  type NominationRow,
  type RoundDetail,
  roundNominationsList,
} from '../../../domain/nomination/nomination.view.js';
import { type RankingEntry, rankNominations } from '../../../domain/nomination/ranking.js';
import { type Caller, isStaff, seesJudgeScores } from '../authorization.js';
import type { Actor } from '../execute.js';
import type { Clock } from '../ports.js';
import { readAll } from '../read-all.js';
import type { ViewStore } from '../view-store.js';
import { roundItem } from './rounds.queries.js';

export interface RankingQueryDeps {
  readonly views: ViewStore;
  readonly clock: Clock;
}

type Explanation = RankingEntry['explanation'];
/** A ranking entry as one caller sees it: `judges` is absent when every judge's scores are withheld. */
export type RankingEntrySeen = Omit<RankingEntry, 'explanation'> & {
  readonly explanation: Omit<Explanation, 'judges'> & { readonly judges?: Explanation['judges'] };
};

/**
 * Before a nomination is decided its aggregates (`judgeMean`, `final`, its rank and the figures they
 * come from) go to staff only: with one judge the mean *is* that judge's score, and with two a judge
 * can work out the other's. Everyone else sees those entries without figures, after the decided
 * ones and in the order they were nominated, so the order gives no rank away either.
 */
function withoutAggregates(entry: RankingEntrySeen): RankingEntrySeen {
  const { rank: _rank, ...rest } = entry;
  return {
    ...rest,
    final: null,
    judgeMean: null,
    explanation: { ...entry.explanation, meanZ: null, tScore: null, tieBreak: 'none' },
  };
}

/** The ranking with each judge's scores, and undecided aggregates, shown only where this caller may see them. */
export function rankingSeenBy(
  caller: Caller,
  round: RoundDetail,
  rows: readonly NominationRow[],
  now: Date,
): RankingEntrySeen[] {
  const decided = new Set(rows.filter((row) => row.status === 'decided').map((row) => row.nominationId));
  const entries = rankNominations(round, rows).map((entry): RankingEntrySeen => {
    const nomination = { decided: decided.has(entry.nominationId) };
    const { judges, ...explanation } = entry.explanation;
    const shown = judges.filter((j) => seesJudgeScores(caller, j.judgeId, round, nomination, now));
    return {
      ...entry,
      explanation: shown.length > 0 || judges.length === 0 ? { ...explanation, judges: shown } : explanation,
    };
  });
  if (isStaff(caller)) return entries;
  const undecided = entries
    .filter((entry) => !decided.has(entry.nominationId))
    .sort((a, b) => (a.nominationId < b.nominationId ? -1 : 1))
    .map(withoutAggregates);
  return [...entries.filter((entry) => decided.has(entry.nominationId)), ...undecided];
}

/** A round's ranking, computed exactly as the scoring formula says, each entry explained to this caller. */
export async function getRanking(deps: RankingQueryDeps, reader: Actor, input: { readonly roundId: string }) {
  const round = await roundItem(deps.views, reader.community, input.roundId);
  const rows = await readAll<NominationRow>(deps.views, {
    list: roundNominationsList(reader.community, input.roundId),
  });
  return { roundId: input.roundId, items: rankingSeenBy(reader, round.data, rows, deps.clock.now()) };
}
