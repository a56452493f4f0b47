import { describe, expect, it } from 'vitest';
import {
  type GoodDeed,
  goodDeedKey,
  goodDeeds,
  goodDeedsList,
  type ModelEntry,
  modelKey,
  models,
  modelsList,
  residentGoodDeedKey,
  residentGoodDeeds,
} from '../../../domain/recognition/recognition.view.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const deed = (deedId: string, date: string, residentIds = ['R1', 'R2']) => ({
  type: 'GoodDeedRecorded',
  data: { deedId, planId: 'P1', residentIds, title: `deed ${deedId}`, description: 'helped', date },
});
const model = {
  type: 'ModelNamed',
  data: { modelId: 'M1', residentId: 'R1', title: 'moral-model', citation: 'cared for neighbours' },
};

describe('good-deeds projection', () => {
  it('lists a plan’s good deeds by the day they happened', async () => {
    const views = await project(
      [
        ['c1#deed#D2', deed('D2', '2026-02-10')],
        ['c1#deed#D1', deed('D1', '2026-01-05')],
      ],
      [goodDeeds],
    );
    expect(await views.list<GoodDeed>(goodDeedsList('c1', 'P1'))).toEqual([
      { ...deed('D1', '2026-01-05').data, recordedAt: recordedAt(1) },
      { ...deed('D2', '2026-02-10').data, recordedAt: recordedAt(0) },
    ]);
    expect(await views.item(goodDeedKey('c1', 'D1'))).toMatchObject({
      owner: 'c1#deed#D1',
      placement: { order: ['2026-01-05', 'D1'] },
    });
  });
});

describe('resident-good-deeds projection', () => {
  it('puts the deed in the partition of every resident it names', async () => {
    const views = await project([['c1#deed#D1', deed('D1', '2026-01-05')]], [residentGoodDeeds]);
    for (const residentId of ['R1', 'R2'])
      expect(await views.item(residentGoodDeedKey('c1', residentId, 'D1'))).toEqual({
        data: { ...deed('D1', '2026-01-05').data, recordedAt: recordedAt(0) },
        owner: 'c1#deed#D1',
        appliedVersion: 1,
      });
    expect(await views.item(residentGoodDeedKey('c1', 'R3', 'D1'))).toBeUndefined();
  });
});

describe('models projection', () => {
  it('puts a named model in the resident’s partition and on the community’s list, by when it was named', async () => {
    const views = await project([['c1#model#M1', model]], [models]);
    expect(await views.item<ModelEntry>(modelKey('c1', 'R1', 'M1'))).toEqual({
      data: { ...model.data, recordedAt: recordedAt(0) },
      placement: { list: modelsList('c1'), order: [recordedAt(0), 'M1'] },
      owner: 'c1#model#M1',
      appliedVersion: 1,
    });
    expect(await views.list<ModelEntry>(modelsList('c1'))).toHaveLength(1);
  });
});
