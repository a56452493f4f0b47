import { type RankingEntry, rankNominations } from '../../../domain/scoring/ranking.js';
import {
  type NominationRow,
  type RoundDetail,
  roundNominationsList,
} from '../../../domain/views/nomination.view.js';
import { type Caller, seesJudgeScores } from '../authorization.js';
import type { Actor } from '../commands/execute.js';
import type { Clock } from '../ports.js';
import { readAll } from '../read-all.js';
import type { ViewStore } from '../view-store.js';
import { roundItem } from './rounds.js';

export interface RankingQueryDeps {
  readonly views: ViewStore;
  readonly clock: Clock;
}

type Explanation = RankingEntry['explanation'];
/** A ranking entry as one caller sees it: `judges` is absent when every judge's scores are withheld. */
export type RankingEntrySeen = Omit<RankingEntry, 'explanation'> & {
  readonly explanation: Omit<Explanation, 'judges'> & { readonly judges?: Explanation['judges'] };
};

/** The ranking with each judge's scores shown only where this caller may see them (least exposure). */
export function rankingSeenBy(
  caller: Caller,
  round: RoundDetail,
  rows: readonly NominationRow[],
  now: Date,
): RankingEntrySeen[] {
  const decided = new Set(rows.filter((row) => row.status === 'decided').map((row) => row.nominationId));
  return rankNominations(round, rows).map((entry) => {
    const nomination = { decided: decided.has(entry.nominationId) };
    const { judges, ...explanation } = entry.explanation;
    const shown = judges.filter((j) => seesJudgeScores(caller, j.judgeId, round, nomination, now));
    return {
      ...entry,
      explanation: shown.length > 0 || judges.length === 0 ? { ...explanation, judges: shown } : explanation,
    };
  });
}

/** A round's ranking, computed exactly as the scoring formula says, each entry explained to this caller. */
export async function getRanking(deps: RankingQueryDeps, reader: Actor, input: { readonly roundId: string }) {
  const round = await roundItem(deps.views, reader.community, input.roundId);
  const rows = await readAll<NominationRow>(deps.views, {
    list: roundNominationsList(reader.community, input.roundId),
  });
  return { roundId: input.roundId, items: rankingSeenBy(reader, round.data, rows, deps.clock.now()) };
}
