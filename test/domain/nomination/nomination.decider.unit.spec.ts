import { describe, it } from 'vitest';
import {
  type NominationCommand,
  nominationDecider,
  type RoundFacts,
} from '../../../domain/nomination/nomination.decider.js';
import { roundDecider } from '../../../domain/nomination/round.decider.js';
import type { NominationEvent } from '../../../events/index.js';
import { spec } from '../../support/decider-spec.js';

const round: RoundFacts = {
  roundId: 'R',
  criteria: [{ key: 'a' }, { key: 'b' }],
  maxScore: 10,
  judges: ['J1', 'J2', 'J3'],
  nominationsClose: '2026-06-01T00:00:00.000Z',
  scoringCloses: '2026-07-01T00:00:00.000Z',
};
const open = '2026-05-15T00:00:00.000Z';
const scoring = '2026-06-15T00:00:00.000Z';
const closed = '2026-07-02T00:00:00.000Z';
const nominate = (
  over: Partial<Extract<NominationCommand, { type: 'NominateFamily' }>> = {},
): NominationCommand => ({
  type: 'NominateFamily',
  nominationId: 'N',
  round,
  now: open,
  householdId: 'H1',
  familyName: 'The Lins',
  nominatedBy: 'R1',
  nominator: { residentId: 'R1', householdId: 'H1' },
  consenter: undefined,
  story: 'Three generations caring for neighbours',
  judgeHouseholds: { J1: 'H9', J2: 'H1', J3: undefined },
  ...over,
});
const nominated: NominationEvent = {
  type: 'FamilyNominated',
  data: {
    nominationId: 'N',
    roundId: 'R',
    householdId: 'H1',
    familyName: 'The Lins',
    nominatedBy: 'R1',
    story: 'Three generations caring for neighbours',
    consent: { by: 'R1', selfNominated: true },
  },
};
const autoRecused: NominationEvent = {
  type: 'JudgeRecused',
  data: { judgeId: 'J2', reason: "member of the nominee's household", automatic: true },
};
const endorse = (residentId: string, householdId: string, now = open): NominationCommand => ({
  type: 'EndorseNomination',
  round,
  now,
  residentId,
  endorser: { residentId, householdId },
});
const score = (judgeId: string, scores: Record<string, number>, now = scoring): NominationCommand => ({
  type: 'ScoreNomination',
  round,
  now,
  judgeId,
  scores,
});

describe('round decider', () => {
  const openRound = {
    type: 'OpenRound' as const,
    roundId: 'R',
    planId: 'P',
    title: 't',
    criteria: [
      { key: 'a', label: 'A', weight: 0.7 },
      { key: 'b', label: 'B', weight: 0.3 },
    ],
    maxScore: 10,
    minJudges: 3,
    endorsementWeight: 0.2,
    endorsementCap: 50,
    judges: ['J1', 'J2', 'J3'],
    nominationsClose: round.nominationsClose,
    scoringCloses: round.scoringCloses,
  };
  it('opens a round whose weights sum to 1, with enough judges and scoring closing after nominations', () => {
    const { type: _t, ...data } = openRound;
    spec(roundDecider)
      .given([])
      .when(openRound)
      .thenEmits([{ type: 'RoundOpened', data }]);
    spec(roundDecider)
      .given([])
      .when({ ...openRound, criteria: [{ key: 'a', label: 'A', weight: 0.5 }] })
      .thenFails('weights-must-sum-to-one', 'invalid');
    spec(roundDecider)
      .given([])
      .when({ ...openRound, scoringCloses: openRound.nominationsClose })
      .thenFails('closes-out-of-order');
    spec(roundDecider)
      .given([])
      .when({ ...openRound, judges: ['J1', 'J1'] })
      .thenFails('too-few-judges');
  });
  it('opens a round once', () => {
    const { type: _t, ...data } = openRound;
    spec(roundDecider)
      .given([{ type: 'RoundOpened', data }])
      .when(openRound)
      .thenFails('round-already-exists', 'conflict');
  });
});

describe('nomination decider', () => {
  it('nominates before nominations close, recusing a judge of the nominee household automatically', () => {
    spec(nominationDecider).given([]).when(nominate()).thenEmits([nominated, autoRecused]);
    spec(nominationDecider)
      .given([])
      .when(nominate({ now: round.nominationsClose }))
      .thenFails('nominations-closed');
  });
  it('keeps one open nomination per household per round; a withdrawn one may be renewed', () => {
    spec(nominationDecider)
      .given([nominated])
      .when(nominate())
      .thenFails('household-already-nominated', 'conflict');
    spec(nominationDecider)
      .given([nominated, { type: 'NominationWithdrawn', data: { reason: 'moved away' } }])
      .when(nominate({ judgeHouseholds: {} }))
      .thenEmits([nominated]);
  });
  it('records the household’s consent when someone else nominates it', () => {
    const byNeighbour = {
      nominatedBy: 'R7',
      nominator: { residentId: 'R7', householdId: 'H7' },
      judgeHouseholds: {},
    };
    spec(nominationDecider).given([]).when(nominate(byNeighbour)).thenFails('consent-required');
    spec(nominationDecider)
      .given([])
      .when(nominate({ ...byNeighbour, consentBy: 'R1', consenter: { residentId: 'R1', householdId: 'H1' } }))
      .thenEmits([
        {
          type: 'FamilyNominated',
          data: { ...nominated.data, nominatedBy: 'R7', consent: { by: 'R1', selfNominated: false } },
        },
      ]);
    spec(nominationDecider)
      .given([])
      .when(nominate({ nominator: undefined }))
      .thenFails('nominator-not-found', 'not-found');
  });
  it('takes endorsements from residents, once each, never for their own household, only while nominations are open', () => {
    spec(nominationDecider)
      .given([nominated])
      .when(endorse('R5', 'H5'))
      .thenEmits([{ type: 'NominationEndorsed', data: { residentId: 'R5' } }]);
    spec(nominationDecider)
      .given([nominated, { type: 'NominationEndorsed', data: { residentId: 'R5' } }])
      .when(endorse('R5', 'H5'))
      .thenFails('already-endorsed');
    spec(nominationDecider).given([nominated]).when(endorse('R2', 'H1')).thenFails('own-household');
    spec(nominationDecider)
      .given([nominated])
      .when(endorse('R5', 'H5', scoring))
      .thenFails('nominations-closed');
    spec(nominationDecider)
      .given([nominated])
      .when({ type: 'EndorseNomination', round, now: open, residentId: 'X', endorser: undefined })
      .thenFails('endorser-not-found', 'not-found');
  });
  it('takes scores from the round’s judges, not recused, before scoring closes, every criterion within 0..maxScore', () => {
    spec(nominationDecider)
      .given([nominated])
      .when(score('J1', { a: 8, b: 7 }))
      .thenEmits([{ type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 8, b: 7 } } }]);
    spec(nominationDecider)
      .given([nominated])
      .when(score('J9', { a: 8, b: 7 }))
      .thenFails('not-a-judge');
    spec(nominationDecider)
      .given([nominated, autoRecused])
      .when(score('J2', { a: 8, b: 7 }))
      .thenFails('judge-recused');
    spec(nominationDecider)
      .given([nominated])
      .when(score('J1', { a: 8, b: 7 }, closed))
      .thenFails('scoring-closed');
    spec(nominationDecider)
      .given([nominated])
      .when(score('J1', { a: 8 }))
      .thenFails('invalid-scores', 'invalid');
    spec(nominationDecider)
      .given([nominated])
      .when(score('J1', { a: 8, b: 11 }))
      .thenFails('invalid-scores');
    spec(nominationDecider)
      .given([nominated])
      .when(score('J1', { a: 8, b: 7, c: 1 }))
      .thenFails('invalid-scores');
    // A later score replaces the earlier one: it is simply recorded again.
    spec(nominationDecider)
      .given([nominated, { type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 1, b: 1 } } }])
      .when(score('J1', { a: 9, b: 9 }))
      .thenEmits([{ type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 9, b: 9 } } }]);
  });
  it('lets a judge declare a conflict with a reason, once', () => {
    spec(nominationDecider)
      .given([nominated])
      .when({ type: 'RecuseJudge', round, judgeId: 'J1', reason: 'neighbour' })
      .thenEmits([{ type: 'JudgeRecused', data: { judgeId: 'J1', reason: 'neighbour', automatic: false } }]);
    spec(nominationDecider)
      .given([nominated, autoRecused])
      .when({ type: 'RecuseJudge', round, judgeId: 'J2', reason: 'x' })
      .thenFails('already-recused');
  });
  it('decides only after scoring closes, once, with a rationale', () => {
    const decide = (now: string): NominationCommand => ({
      type: 'DecideNomination',
      round,
      now,
      outcome: 'awarded',
      rationale: 'Exemplary',
    });
    spec(nominationDecider).given([nominated]).when(decide(scoring)).thenFails('scoring-still-open');
    const decided: NominationEvent = {
      type: 'NominationDecided',
      data: { outcome: 'awarded', rationale: 'Exemplary' },
    };
    spec(nominationDecider).given([nominated]).when(decide(closed)).thenEmits([decided]);
    spec(nominationDecider).given([nominated, decided]).when(decide(closed)).thenFails('already-decided');
  });
});

describe('nomination decider: a withdrawn or decided nomination, and the edges of a score', () => {
  const withdrawn: NominationEvent = { type: 'NominationWithdrawn', data: { reason: 'moved away' } };
  const decided: NominationEvent = {
    type: 'NominationDecided',
    data: { outcome: 'commended', rationale: 'x' },
  };
  const withdraw: NominationCommand = { type: 'WithdrawNomination', reason: 'moved away' };

  it('withdraws an open nomination, not a decided one; a withdrawn one takes nothing more', () => {
    spec(nominationDecider).given([nominated]).when(withdraw).thenEmits([withdrawn]);
    spec(nominationDecider).given([nominated, decided]).when(withdraw).thenFails('already-decided');
    for (const command of [withdraw, endorse('R7', 'H7'), score('J1', { a: 1, b: 1 })])
      spec(nominationDecider).given([nominated, withdrawn]).when(command).thenFails('nomination-withdrawn');
  });

  it('knows no nomination before it was made', () => {
    for (const command of [withdraw, endorse('R7', 'H7'), score('J1', { a: 1, b: 1 })])
      spec(nominationDecider).given([]).when(command).thenFails('nomination-not-found', 'not-found');
  });

  it('takes no score or endorsement once decided, and keeps the household nominated', () => {
    spec(nominationDecider)
      .given([nominated, decided])
      .when(score('J1', { a: 1, b: 1 }))
      .thenFails('scoring-closed');
    spec(nominationDecider)
      .given([nominated, decided])
      .when(endorse('R7', 'H7'))
      .thenFails('nominations-closed');
    spec(nominationDecider)
      .given([nominated, decided])
      .when(nominate())
      .thenFails('household-already-nominated');
  });

  it('takes 0 and maxScore themselves, not a score below 0', () => {
    spec(nominationDecider)
      .given([nominated])
      .when(score('J1', { a: 0, b: 10 }))
      .thenEmits([{ type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 0, b: 10 } } }]);
    spec(nominationDecider)
      .given([nominated])
      .when(score('J1', { a: -1, b: 5 }))
      .thenFails('invalid-scores');
  });

  it('lets only a judge of the round declare a conflict', () => {
    spec(nominationDecider)
      .given([nominated])
      .when({ type: 'RecuseJudge', round, judgeId: 'J9', reason: 'x' })
      .thenFails('not-a-judge');
  });
});
