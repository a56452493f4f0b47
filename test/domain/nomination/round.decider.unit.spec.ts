import { describe, it } from 'vitest';
import { type RoundCommand, roundDecider } from '../../../domain/nomination/round.decider.js';
import type { RoundEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';
import { given as givenHistory } from '../../support/use-case-spec.js';

/** A "good family style" round: three criteria, three judges, scoring after nominations close. */
const open: RoundCommand = {
  type: 'OpenRound',
  roundId: 'G1',
  planId: 'P1',
  title: 'Good family style 2026',
  criteria: [
    { key: 'harmony', label: 'Family harmony', weight: 0.5 },
    { key: 'service', label: 'Service to neighbours', weight: 0.3 },
    { key: 'learning', label: 'Learning together', weight: 0.2 },
  ],
  maxScore: 10,
  minJudges: 3,
  endorsementWeight: 0.1,
  endorsementCap: 5,
  judges: ['J1', 'J2', 'J3'],
  nominationsClose: '2026-09-30T16:00:00.000Z',
  scoringCloses: '2026-10-31T16:00:00.000Z',
};
const { type: _type, ...openData } = open;
const opened: RoundEvent = { type: 'RoundOpened', data: openData };

describe('round decider (good family style)', () => {
  it('opens a round with its criteria, judges and closing instants', () => {
    given(roundDecider, []).when(open).then([opened]);
  });

  it('names each judge once', () => {
    given(roundDecider, [])
      .when({ ...open, judges: ['J1', 'J2', 'J1', 'J3'] })
      .then([opened]);
  });

  it('accepts weights that sum to 1 only up to floating-point error', () => {
    const criteria = [
      { key: 'a', label: 'A', weight: 0.1 },
      { key: 'b', label: 'B', weight: 0.2 },
      { key: 'c', label: 'C', weight: 0.7 },
    ];
    given(roundDecider, [])
      .when({ ...open, criteria })
      .then([{ type: 'RoundOpened', data: { ...openData, criteria } }]);
    given(roundDecider, [])
      .when({ ...open, criteria: [...criteria.slice(0, 2), { key: 'c', label: 'C', weight: 0.69 }] })
      .then({ code: 'weights-must-sum-to-one', category: 'invalid' });
  });

  it('refuses a criterion named twice', () => {
    given(roundDecider, [])
      .when({
        ...open,
        criteria: [
          { key: 'harmony', label: 'Family harmony', weight: 0.5 },
          { key: 'harmony', label: 'Harmony again', weight: 0.5 },
        ],
      })
      .then({ code: 'duplicate-criterion', category: 'invalid' });
  });

  it('refuses scoring that closes before (or when) nominations close', () => {
    given(roundDecider, [])
      .when({ ...open, scoringCloses: open.nominationsClose })
      .then({ code: 'closes-out-of-order', category: 'invalid' });
    given(roundDecider, [])
      .when({ ...open, scoringCloses: '2026-09-01T00:00:00.000Z' })
      .then({ code: 'closes-out-of-order', category: 'invalid' });
  });

  it('refuses fewer distinct judges than the round needs', () => {
    given(roundDecider, [])
      .when({ ...open, judges: ['J1', 'J2', 'J2'] })
      .then({ code: 'too-few-judges', category: 'invalid' });
  });

  it('refuses to open the same round twice', () => {
    given(roundDecider, [opened]).when(open).then({ code: 'round-already-exists', category: 'conflict' });
  });

  it('runs through the command service against the stored round', async () => {
    await givenHistory({})
      .when({ decider: roundDecider, streamId: 'c1#round#G1', command: open })
      .then({ 'c1#round#G1': [opened] });
    await givenHistory({ 'c1#round#G1': [opened] })
      .when({ decider: roundDecider, streamId: 'c1#round#G1', command: open })
      .then({ code: 'round-already-exists' });
  });
});
