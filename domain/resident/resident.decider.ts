import type { ResidentEvent } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { residentErrors } from './resident.errors.js';

export interface EnrollResident {
  readonly type: 'EnrollResident';
  readonly residentId: string;
  readonly name: string;
  readonly householdId: string;
  readonly building?: string;
  readonly partyMember?: boolean;
  readonly branch?: string;
  readonly phone?: string;
  readonly email?: string;
}

export type ResidentCommand =
  | EnrollResident
  | { readonly type: 'ErasePersonalData'; readonly residentId: string };

export type ResidentState =
  | { readonly status: 'unknown' }
  | {
      readonly status: 'enrolled';
      readonly householdId: string;
      readonly partyMember: boolean;
      readonly erased?: boolean;
    };

export const residentDecider: Decider<ResidentCommand, ResidentState, ResidentEvent> = {
  initialState: { status: 'unknown' },

  decide(command, state) {
    switch (command.type) {
      case 'ErasePersonalData':
        if (state.status === 'unknown') return residentErrors.notFound(command.residentId);
        if (state.erased) return residentErrors.alreadyErased(command.residentId);
        return [{ type: 'ResidentPersonalDataErased', data: { residentId: command.residentId } }];
      case 'EnrollResident': {
        if (state.status !== 'unknown') return residentErrors.alreadyEnrolled(command.residentId);
        const { type: _type, partyMember, ...fields } = command;
        return [{ type: 'ResidentEnrolled', data: { ...fields, partyMember: partyMember ?? false } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ResidentEnrolled':
        return {
          status: 'enrolled',
          householdId: event.data.householdId,
          partyMember: event.data.partyMember,
        };
      case 'ResidentPersonalDataErased':
        return state.status === 'enrolled' ? { ...state, erased: true } : state;
      default:
        return state;
    }
  },
};
