import { describe, it } from 'vitest';
import {
  type RecognitionCommand,
  recognitionDecider,
} from '../../../domain/recognition/recognition.decider.js';
import type { RecognitionEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';
import { given as givenHistory } from '../../support/use-case-spec.js';

const recordDeed: RecognitionCommand = {
  type: 'RecordGoodDeed',
  deedId: 'D1',
  planId: 'P1',
  residentIds: ['R1', 'R2', 'R1'],
  unknownResidents: [],
  title: 'Cleared the snow from the east gate',
  description: 'Before dawn, for the elderly residents',
  date: '2026-01-12',
};
const deedRecorded: RecognitionEvent = {
  type: 'GoodDeedRecorded',
  data: {
    deedId: 'D1',
    planId: 'P1',
    residentIds: ['R1', 'R2'],
    title: 'Cleared the snow from the east gate',
    description: 'Before dawn, for the elderly residents',
    date: '2026-01-12',
  },
};
const nameModel: RecognitionCommand = {
  type: 'NameModel',
  modelId: 'M1',
  residentId: 'R1',
  residentKnown: true,
  title: 'good-neighbor',
  citation: 'Ten years of help to the families of building 3',
};
const modelNamed: RecognitionEvent = {
  type: 'ModelNamed',
  data: {
    modelId: 'M1',
    residentId: 'R1',
    title: 'good-neighbor',
    citation: 'Ten years of help to the families of building 3',
  },
};

describe('recognition decider (good deeds and models)', () => {
  it('records a good deed once per resident, without the roster lookup', () => {
    given(recognitionDecider, []).when(recordDeed).then([deedRecorded]);
  });

  it('refuses a good deed naming residents who are not on the roster, and names them', () => {
    given(recognitionDecider, [])
      .when({ ...recordDeed, unknownResidents: ['R9', 'R8'] })
      .then({ code: 'resident-not-found', category: 'not-found' });
  });

  it('names a model resident', () => {
    given(recognitionDecider, []).when(nameModel).then([modelNamed]);
  });

  it('refuses a model who is not on the roster', () => {
    given(recognitionDecider, [])
      .when({ ...nameModel, residentKnown: false })
      .then({ code: 'resident-not-found', category: 'not-found' });
  });

  it('records each entry once: a second deed or model on the same stream is a conflict', () => {
    given(recognitionDecider, [deedRecorded])
      .when(recordDeed)
      .then({ code: 'already-recorded', category: 'conflict' });
    given(recognitionDecider, [modelNamed])
      .when(nameModel)
      .then({ code: 'already-recorded', category: 'conflict' });
  });

  it('runs through the command service: one stream per deed', async () => {
    await givenHistory({ 'c1#deed#D0': [{ ...deedRecorded, data: { ...deedRecorded.data, deedId: 'D0' } }] })
      .when({ decider: recognitionDecider, streamId: 'c1#deed#D1', command: recordDeed })
      .then({ 'c1#deed#D1': [deedRecorded] });
    await givenHistory({ 'c1#model#M1': [modelNamed] })
      .when({ decider: recognitionDecider, streamId: 'c1#model#M1', command: nameModel })
      .then({ code: 'already-recorded' });
  });
});
