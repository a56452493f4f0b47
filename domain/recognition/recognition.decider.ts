import type { RecognitionEvent } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { domainError } from '../shared/errors.js';

export type RecognitionCommand =
  | {
      readonly type: 'RecordGoodDeed';
      readonly deedId: string;
      readonly planId: string;
      readonly residentIds: readonly string[];
      /** Residents the handler could not find on the roster. */
      readonly unknownResidents: readonly string[];
      readonly title: string;
      readonly description: string;
      readonly date: string;
    }
  | {
      readonly type: 'NameModel';
      readonly modelId: string;
      readonly residentId: string;
      readonly residentKnown: boolean;
      readonly title: 'moral-model' | 'good-neighbor' | 'most-beautiful';
      readonly citation: string;
    };

export type RecognitionState = { readonly recorded: boolean };

/** Good deeds and moral models: facts recorded once each, about residents on the roster. */
export const recognitionDecider: Decider<RecognitionCommand, RecognitionState, RecognitionEvent> = {
  initialState: { recorded: false },
  decide(command, state) {
    if (state.recorded) return domainError('already-recorded', 'conflict', 'this entry is already recorded');
    if (command.type === 'RecordGoodDeed') {
      if (command.unknownResidents.length > 0) {
        return domainError(
          'resident-not-found',
          'not-found',
          `not on the roster: ${command.unknownResidents.join(', ')}`,
        );
      }
      const { type: _t, unknownResidents: _u, ...data } = command;
      return [{ type: 'GoodDeedRecorded', data: { ...data, residentIds: [...new Set(data.residentIds)] } }];
    }
    if (!command.residentKnown)
      return domainError(
        'resident-not-found',
        'not-found',
        `resident ${command.residentId} is not on the roster`,
      );
    const { type: _t, residentKnown: _k, ...data } = command;
    return [{ type: 'ModelNamed', data }];
  },
  evolve: () => ({ recorded: true }),
};
