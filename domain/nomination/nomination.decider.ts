import type { NominationEvent } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { nominationErrors } from './nomination.errors.js';

/** What a nomination command needs to know of its round, loaded by the handler. */
export interface RoundFacts {
  readonly roundId: string;
  readonly criteria: readonly { key: string }[];
  readonly maxScore: number;
  readonly judges: readonly string[];
  readonly nominationsClose: string;
  readonly scoringCloses: string;
}

/** A resident as the handler found them on the roster (absent when unknown). */
export type Someone = { readonly residentId: string; readonly householdId: string } | undefined;

export type NominationCommand =
  | {
      readonly type: 'NominateFamily';
      readonly nominationId: string;
      readonly round: RoundFacts;
      readonly now: string;
      readonly householdId: string;
      readonly familyName: string;
      readonly nominatedBy: string;
      readonly nominator: Someone;
      readonly consentBy?: string;
      readonly consenter: Someone;
      readonly motto?: string;
      readonly story: string;
      /** The round's judges with their households, for automatic recusal. */
      readonly judgeHouseholds: Readonly<Record<string, string | undefined>>;
    }
  | {
      readonly type: 'EndorseNomination';
      readonly round: RoundFacts;
      readonly now: string;
      readonly residentId: string;
      readonly endorser: Someone;
    }
  | {
      readonly type: 'RecuseJudge';
      readonly round: RoundFacts;
      readonly judgeId: string;
      readonly reason: string;
    }
  | {
      readonly type: 'ScoreNomination';
      readonly round: RoundFacts;
      readonly now: string;
      readonly judgeId: string;
      readonly scores: Readonly<Record<string, number>>;
    }
  | { readonly type: 'WithdrawNomination'; readonly reason: string }
  | {
      readonly type: 'DecideNomination';
      readonly round: RoundFacts;
      readonly now: string;
      readonly outcome: 'awarded' | 'commended' | 'not-selected';
      readonly rationale: string;
    };

export type NominationState =
  | { readonly status: 'none' }
  | {
      readonly status: 'open' | 'withdrawn' | 'decided';
      readonly roundId: string;
      readonly householdId: string;
      readonly endorsers: Readonly<Record<string, 1>>;
      readonly recused: Readonly<Record<string, 1>>;
    };

const before = (now: string, deadline: string) => Date.parse(now) < Date.parse(deadline);

function scoreProblem(round: RoundFacts, scores: Readonly<Record<string, number>>) {
  const expected = round.criteria.map((c) => c.key);
  const missing = expected.filter((k) => !(k in scores));
  if (missing.length > 0)
    return nominationErrors.badScores(`every criterion needs a score; missing: ${missing.join(', ')}`);
  const unknown = Object.keys(scores).filter((k) => !expected.includes(k));
  if (unknown.length > 0) return nominationErrors.badScores(`no such criteria: ${unknown.join(', ')}`);
  const outside = Object.entries(scores).filter(([, v]) => !(v >= 0 && v <= round.maxScore));
  if (outside.length > 0)
    return nominationErrors.badScores(
      `scores lie within 0..${round.maxScore}: ${outside.map(([k]) => k).join(', ')}`,
    );
  return undefined;
}

export const nominationDecider: Decider<NominationCommand, NominationState, NominationEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'NominateFamily') {
      // A withdrawn nomination frees the household to be nominated again; an open or decided one does not.
      if (state.status === 'open' || state.status === 'decided')
        return nominationErrors.householdAlreadyNominated(command.householdId);
      if (!before(command.now, command.round.nominationsClose)) return nominationErrors.nominationsClosed();
      if (!command.nominator) return nominationErrors.nominatorNotFound(command.nominatedBy);
      const selfNominated = command.nominator.householdId === command.householdId;
      if (!selfNominated && command.consenter?.householdId !== command.householdId)
        return nominationErrors.consentRequired();
      const consent = { by: selfNominated ? command.nominatedBy : command.consentBy!, selfNominated };
      const { nominationId, householdId, familyName, nominatedBy, motto, story } = command;
      const events: NominationEvent[] = [
        {
          type: 'FamilyNominated',
          data: {
            nominationId,
            roundId: command.round.roundId,
            householdId,
            familyName,
            nominatedBy,
            motto,
            story,
            consent,
          },
        },
      ];
      for (const judgeId of command.round.judges) {
        if (command.judgeHouseholds[judgeId] === householdId) {
          events.push({
            type: 'JudgeRecused',
            data: { judgeId, reason: "member of the nominee's household", automatic: true },
          });
        }
      }
      return events;
    }
    if (state.status === 'none') return nominationErrors.nominationNotFound('');
    if (state.status === 'withdrawn') return nominationErrors.withdrawn();
    switch (command.type) {
      case 'EndorseNomination':
        if (state.status === 'decided' || !before(command.now, command.round.nominationsClose))
          return nominationErrors.nominationsClosed();
        if (!command.endorser) return nominationErrors.endorserNotFound(command.residentId);
        if (command.endorser.householdId === state.householdId) return nominationErrors.ownHousehold();
        if (state.endorsers[command.residentId]) return nominationErrors.alreadyEndorsed();
        return [{ type: 'NominationEndorsed', data: { residentId: command.residentId } }];
      case 'RecuseJudge':
        if (!command.round.judges.includes(command.judgeId))
          return nominationErrors.notAJudge(command.judgeId);
        if (state.recused[command.judgeId]) return nominationErrors.alreadyRecused(command.judgeId);
        return [
          {
            type: 'JudgeRecused',
            data: { judgeId: command.judgeId, reason: command.reason, automatic: false },
          },
        ];
      case 'ScoreNomination': {
        if (!command.round.judges.includes(command.judgeId))
          return nominationErrors.notAJudge(command.judgeId);
        if (state.recused[command.judgeId]) return nominationErrors.recused(command.judgeId);
        if (state.status === 'decided' || !before(command.now, command.round.scoringCloses))
          return nominationErrors.scoringClosed();
        const problem = scoreProblem(command.round, command.scores);
        if (problem) return problem;
        return [
          { type: 'NominationScored', data: { judgeId: command.judgeId, scores: { ...command.scores } } },
        ];
      }
      case 'WithdrawNomination':
        if (state.status === 'decided') return nominationErrors.alreadyDecided();
        return [{ type: 'NominationWithdrawn', data: { reason: command.reason } }];
      case 'DecideNomination':
        if (state.status === 'decided') return nominationErrors.alreadyDecided();
        if (before(command.now, command.round.scoringCloses)) return nominationErrors.decisionTooEarly();
        return [
          { type: 'NominationDecided', data: { outcome: command.outcome, rationale: command.rationale } },
        ];
    }
  },

  evolve(state, event) {
    if (event.type === 'FamilyNominated') {
      return {
        status: 'open',
        roundId: event.data.roundId,
        householdId: event.data.householdId,
        endorsers: {},
        recused: {},
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'NominationEndorsed':
        return { ...state, endorsers: { ...state.endorsers, [event.data.residentId]: 1 } };
      case 'JudgeRecused':
        return { ...state, recused: { ...state.recused, [event.data.judgeId]: 1 } };
      case 'NominationWithdrawn':
        return { ...state, status: 'withdrawn' };
      case 'NominationDecided':
        return { ...state, status: 'decided' };
      default:
        return state;
    }
  },
};
