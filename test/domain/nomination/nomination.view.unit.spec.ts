import { describe, expect, it } from 'vitest';
import {
  type NominationRow,
  nominationKey,
  nominationRows,
  roundDetails,
  roundKey,
  roundNominationsList,
  roundsList,
} from '../../../domain/nomination/nomination.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const opened = {
  type: 'RoundOpened',
  data: {
    roundId: 'G1',
    planId: 'P1',
    title: 'Good family style',
    criteria: [{ key: 'harmony', label: 'Harmony', weight: 1 }],
    maxScore: 10,
    minJudges: 2,
    endorsementWeight: 0.1,
    endorsementCap: 5,
    judges: ['J1', 'J2'],
    nominationsClose: '2026-09-30T16:00:00.000Z',
    scoringCloses: '2026-10-31T16:00:00.000Z',
  },
};
const nominated = (nominationId: string) => ({
  type: 'FamilyNominated',
  data: {
    nominationId,
    roundId: 'G1',
    householdId: `H-${nominationId}`,
    familyName: `Family ${nominationId}`,
    nominatedBy: 'R1',
    story: 'kind to all',
    consent: { by: 'R1', selfNominated: true },
  },
});

describe('round-details projection', () => {
  it('shows the opened round, listed per community', async () => {
    const views = await project([['c1#round#G1', opened]], [roundDetails]);
    expect(await views.item(roundKey('c1', 'G1'))).toEqual({
      data: { ...opened.data, openedAt: recordedAt(0) },
      placement: { list: roundsList('c1'), order: ['G1'] },
      owner: 'c1#round#G1',
      appliedVersion: 1,
    });
  });
});

describe('nomination-rows projection', () => {
  it('keeps what the ranking needs: endorsements, each judge’s latest scores, recusals, the decision', async () => {
    const N = 'c1#nomination#N1';
    const views = await project(
      [
        [N, nominated('N1')],
        [
          N,
          [
            { type: 'NominationEndorsed', data: { residentId: 'R5' } },
            { type: 'NominationEndorsed', data: { residentId: 'R6' } },
          ],
        ],
        [N, { type: 'NominationScored', data: { judgeId: 'J1', scores: { harmony: 6 } } }],
        [N, { type: 'NominationScored', data: { judgeId: 'J1', scores: { harmony: 8 } } }],
        [N, { type: 'JudgeRecused', data: { judgeId: 'J2', reason: 'neighbour', automatic: false } }],
        [N, { type: 'NominationDecided', data: { outcome: 'awarded', rationale: 'best' } }],
      ],
      [nominationRows],
    );
    expect(await views.item<NominationRow>(nominationKey('c1', 'N1'))).toEqual({
      data: {
        ...nominated('N1').data,
        nominatedAt: recordedAt(0),
        status: 'decided',
        endorsements: 2,
        scores: { J1: { scores: { harmony: 8 }, recordedAt: recordedAt(3) } },
        recusals: { J2: { reason: 'neighbour', automatic: false } },
        decision: { outcome: 'awarded', rationale: 'best', at: recordedAt(5) },
      },
      placement: { list: roundNominationsList('c1', 'G1'), order: ['N1'] },
      owner: N,
      appliedVersion: 7,
    });
  });

  it('lists a round’s nominations, a withdrawn one marked with its reason', async () => {
    const views = await project(
      [
        ['c1#nomination#N2', nominated('N2')],
        ['c1#nomination#N1', nominated('N1')],
        ['c1#nomination#N2', { type: 'NominationWithdrawn', data: { reason: 'moved away' } }],
      ],
      [nominationRows],
    );
    const rows = await views.list<NominationRow>(roundNominationsList('c1', 'G1'));
    expect(rows.map((r) => [r.nominationId, r.status])).toEqual([
      ['N1', 'open'],
      ['N2', 'withdrawn'],
    ]);
    expect(rows[1]!.withdrawal).toEqual({ reason: 'moved away', at: recordedAt(2) });
  });
});
