import { describe, it } from 'vitest';
import {
  type NominationCommand,
  nominationDecider,
  type RoundFacts,
} from '../../../domain/nomination/nomination.decider.js';
import { roundDecider } from '../../../domain/nomination/round.decider.js';
import type { NominationEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

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
    given(roundDecider, [])
      .when(openRound)
      .then([{ type: 'RoundOpened', data }]);
    given(roundDecider, [])
      .when({ ...openRound, criteria: [{ key: 'a', label: 'A', weight: 0.5 }] })
      .then({ code: 'weights-must-sum-to-one', category: 'invalid' });
    given(roundDecider, [])
      .when({ ...openRound, scoringCloses: openRound.nominationsClose })
      .then({ code: 'closes-out-of-order' });
    given(roundDecider, [])
      .when({ ...openRound, judges: ['J1', 'J1'] })
      .then({ code: 'too-few-judges' });
  });
  it('opens a round once', () => {
    const { type: _t, ...data } = openRound;
    given(roundDecider, [{ type: 'RoundOpened', data }])
      .when(openRound)
      .then({ code: 'round-already-exists', category: 'conflict' });
  });
});

describe('nomination decider', () => {
  it('nominates before nominations close, recusing a judge of the nominee household automatically', () => {
    given(nominationDecider, []).when(nominate()).then([nominated, autoRecused]);
    given(nominationDecider, [])
      .when(nominate({ now: round.nominationsClose }))
      .then({ code: 'nominations-closed' });
  });
  it('keeps one open nomination per household per round; a withdrawn one may be renewed', () => {
    given(nominationDecider, [nominated])
      .when(nominate())
      .then({ code: 'household-already-nominated', category: 'conflict' });
    given(nominationDecider, [nominated, { type: 'NominationWithdrawn', data: { reason: 'moved away' } }])
      .when(nominate({ judgeHouseholds: {} }))
      .then([nominated]);
  });
  it('records the household’s consent when someone else nominates it', () => {
    const byNeighbour = {
      nominatedBy: 'R7',
      nominator: { residentId: 'R7', householdId: 'H7' },
      judgeHouseholds: {},
    };
    given(nominationDecider, []).when(nominate(byNeighbour)).then({ code: 'consent-required' });
    given(nominationDecider, [])
      .when(nominate({ ...byNeighbour, consentBy: 'R1', consenter: { residentId: 'R1', householdId: 'H1' } }))
      .then([
        {
          type: 'FamilyNominated',
          data: { ...nominated.data, nominatedBy: 'R7', consent: { by: 'R1', selfNominated: false } },
        },
      ]);
    given(nominationDecider, [])
      .when(nominate({ nominator: undefined }))
      .then({ code: 'nominator-not-found', category: 'not-found' });
  });
  it('takes endorsements from residents, once each, never for their own household, only while nominations are open', () => {
    given(nominationDecider, [nominated])
      .when(endorse('R5', 'H5'))
      .then([{ type: 'NominationEndorsed', data: { residentId: 'R5' } }]);
    given(nominationDecider, [nominated, { type: 'NominationEndorsed', data: { residentId: 'R5' } }])
      .when(endorse('R5', 'H5'))
      .then({ code: 'already-endorsed' });
    given(nominationDecider, [nominated]).when(endorse('R2', 'H1')).then({ code: 'own-household' });
    given(nominationDecider, [nominated])
      .when(endorse('R5', 'H5', scoring))
      .then({ code: 'nominations-closed' });
    given(nominationDecider, [nominated])
      .when({ type: 'EndorseNomination', round, now: open, residentId: 'X', endorser: undefined })
      .then({ code: 'endorser-not-found', category: 'not-found' });
  });
  it('takes scores from the round’s judges, not recused, before scoring closes, every criterion within 0..maxScore', () => {
    given(nominationDecider, [nominated])
      .when(score('J1', { a: 8, b: 7 }))
      .then([{ type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 8, b: 7 } } }]);
    given(nominationDecider, [nominated])
      .when(score('J9', { a: 8, b: 7 }))
      .then({ code: 'not-a-judge' });
    given(nominationDecider, [nominated, autoRecused])
      .when(score('J2', { a: 8, b: 7 }))
      .then({ code: 'judge-recused' });
    given(nominationDecider, [nominated])
      .when(score('J1', { a: 8, b: 7 }, closed))
      .then({ code: 'scoring-closed' });
    given(nominationDecider, [nominated])
      .when(score('J1', { a: 8 }))
      .then({ code: 'invalid-scores', category: 'invalid' });
    given(nominationDecider, [nominated])
      .when(score('J1', { a: 8, b: 11 }))
      .then({ code: 'invalid-scores' });
    given(nominationDecider, [nominated])
      .when(score('J1', { a: 8, b: 7, c: 1 }))
      .then({ code: 'invalid-scores' });
    // A later score replaces the earlier one: it is simply recorded again.
    given(nominationDecider, [
      nominated,
      { type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 1, b: 1 } } },
    ])
      .when(score('J1', { a: 9, b: 9 }))
      .then([{ type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 9, b: 9 } } }]);
  });
  it('lets a judge declare a conflict with a reason, once', () => {
    given(nominationDecider, [nominated])
      .when({ type: 'RecuseJudge', round, judgeId: 'J1', reason: 'neighbour' })
      .then([{ type: 'JudgeRecused', data: { judgeId: 'J1', reason: 'neighbour', automatic: false } }]);
    given(nominationDecider, [nominated, autoRecused])
      .when({ type: 'RecuseJudge', round, judgeId: 'J2', reason: 'x' })
      .then({ code: 'already-recused' });
  });
  it('decides only after scoring closes, once, with a rationale', () => {
    const decide = (now: string): NominationCommand => ({
      type: 'DecideNomination',
      round,
      now,
      outcome: 'awarded',
      rationale: 'Exemplary',
    });
    given(nominationDecider, [nominated]).when(decide(scoring)).then({ code: 'scoring-still-open' });
    const decided: NominationEvent = {
      type: 'NominationDecided',
      data: { outcome: 'awarded', rationale: 'Exemplary' },
    };
    given(nominationDecider, [nominated]).when(decide(closed)).then([decided]);
    given(nominationDecider, [nominated, decided]).when(decide(closed)).then({ code: 'already-decided' });
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
    given(nominationDecider, [nominated]).when(withdraw).then([withdrawn]);
    given(nominationDecider, [nominated, decided]).when(withdraw).then({ code: 'already-decided' });
    for (const command of [withdraw, endorse('R7', 'H7'), score('J1', { a: 1, b: 1 })])
      given(nominationDecider, [nominated, withdrawn]).when(command).then({ code: 'nomination-withdrawn' });
  });

  it('knows no nomination before it was made', () => {
    for (const command of [withdraw, endorse('R7', 'H7'), score('J1', { a: 1, b: 1 })])
      given(nominationDecider, [])
        .when(command)
        .then({ code: 'nomination-not-found', category: 'not-found' });
  });

  it('takes no score or endorsement once decided, and keeps the household nominated', () => {
    given(nominationDecider, [nominated, decided])
      .when(score('J1', { a: 1, b: 1 }))
      .then({ code: 'scoring-closed' });
    given(nominationDecider, [nominated, decided])
      .when(endorse('R7', 'H7'))
      .then({ code: 'nominations-closed' });
    given(nominationDecider, [nominated, decided])
      .when(nominate())
      .then({ code: 'household-already-nominated' });
  });

  it('takes 0 and maxScore themselves, not a score below 0', () => {
    given(nominationDecider, [nominated])
      .when(score('J1', { a: 0, b: 10 }))
      .then([{ type: 'NominationScored', data: { judgeId: 'J1', scores: { a: 0, b: 10 } } }]);
    given(nominationDecider, [nominated])
      .when(score('J1', { a: -1, b: 5 }))
      .then({ code: 'invalid-scores' });
  });

  it('lets only a judge of the round declare a conflict', () => {
    given(nominationDecider, [nominated])
      .when({ type: 'RecuseJudge', round, judgeId: 'J9', reason: 'x' })
      .then({ code: 'not-a-judge' });
  });
});
