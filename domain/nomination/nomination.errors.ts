import { domainError } from '../shared/errors.js';

export const nominationErrors = {
  roundExists: (id: string) => domainError('round-already-exists', 'conflict', `round ${id} already exists`),
  roundNotFound: (id: string) => domainError('round-not-found', 'not-found', `round ${id} does not exist`),
  weightsMustSumToOne: (sum: number) =>
    domainError('weights-must-sum-to-one', 'invalid', `criteria weights sum to ${sum}, not 1`),
  duplicateCriterion: (key: string) =>
    domainError('duplicate-criterion', 'invalid', `criterion ${key} appears twice`),
  closesOutOfOrder: () =>
    domainError('closes-out-of-order', 'invalid', 'scoring must close after nominations close'),
  tooFewJudges: (minJudges: number) =>
    domainError('too-few-judges', 'invalid', `a round needs at least ${minJudges} judges`),
  nominationsClosed: () =>
    domainError('nominations-closed', 'conflict', 'nominations for this round are closed'),
  householdAlreadyNominated: (householdId: string) =>
    domainError(
      'household-already-nominated',
      'conflict',
      `household ${householdId} already has an open nomination in this round`,
    ),
  nominatorNotFound: (id: string) =>
    domainError('nominator-not-found', 'not-found', `resident ${id} is not on the roster`),
  consentRequired: () =>
    domainError(
      'consent-required',
      'conflict',
      'a household nominated by someone else needs the consent of one of its members (consentBy)',
    ),
  nominationNotFound: (id: string) =>
    domainError('nomination-not-found', 'not-found', `nomination ${id} does not exist`),
  withdrawn: () => domainError('nomination-withdrawn', 'conflict', 'the nomination was withdrawn'),
  endorserNotFound: (id: string) =>
    domainError('endorser-not-found', 'not-found', `resident ${id} is not on the roster`),
  alreadyEndorsed: () =>
    domainError('already-endorsed', 'conflict', 'this resident has already endorsed the nomination'),
  ownHousehold: () =>
    domainError('own-household', 'conflict', 'residents do not endorse their own household'),
  notAJudge: (id: string) => domainError('not-a-judge', 'conflict', `${id} is not a judge of this round`),
  recused: (id: string) =>
    domainError('judge-recused', 'conflict', `judge ${id} is recused from this nomination`),
  alreadyRecused: (id: string) =>
    domainError('already-recused', 'conflict', `judge ${id} is already recused`),
  scoringClosed: () => domainError('scoring-closed', 'conflict', 'scoring for this round has closed'),
  badScores: (detail: string) => domainError('invalid-scores', 'invalid', detail),
  decisionTooEarly: () =>
    domainError('scoring-still-open', 'conflict', 'a decision is taken only after scoring closes'),
  alreadyDecided: () => domainError('already-decided', 'conflict', 'the nomination has been decided'),
};
