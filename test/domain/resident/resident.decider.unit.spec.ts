import { describe, expect, it } from 'vitest';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { given } from '../../support/decider-spec.js';

const enroll = {
  type: 'EnrollResident' as const,
  residentId: 'R1',
  name: 'Sun Li',
  householdId: 'H-1',
  phone: '13900000000',
};

describe('resident decider', () => {
  it('enrolls a new resident, not a party member unless said so', () => {
    given(residentDecider, [])
      .when(enroll)
      .then([
        {
          type: 'ResidentEnrolled',
          data: {
            residentId: 'R1',
            name: 'Sun Li',
            householdId: 'H-1',
            phone: '13900000000',
            partyMember: false,
          },
        },
      ]);
  });

  it('records party membership and branch', () => {
    given(residentDecider, [])
      .when({ ...enroll, partyMember: true, branch: 'Second branch' })
      .then([
        {
          type: 'ResidentEnrolled',
          data: {
            residentId: 'R1',
            name: 'Sun Li',
            householdId: 'H-1',
            phone: '13900000000',
            partyMember: true,
            branch: 'Second branch',
          },
        },
      ]);
  });

  it('refuses to enroll the same resident twice', () => {
    given(residentDecider, [
      {
        type: 'ResidentEnrolled',
        data: { residentId: 'R1', name: 'Sun Li', householdId: 'H-1', partyMember: false },
      },
    ])
      .when(enroll)
      .then({ code: 'resident-already-enrolled', category: 'conflict' });
  });

  const enrolled = {
    type: 'ResidentEnrolled' as const,
    data: { residentId: 'R1', name: 'Sun Li', householdId: 'H-1', partyMember: true },
  };
  const erase = { type: 'ErasePersonalData' as const, residentId: 'R1' };

  it('knows an enrolled resident’s household and membership', () => {
    expect(given(residentDecider, []).when(enroll).state()).toEqual({
      status: 'enrolled',
      householdId: 'H-1',
      partyMember: false,
    });
  });

  it('erases the personal data of a resident on the roster, once', () => {
    given(residentDecider, [enrolled])
      .when(erase)
      .then([{ type: 'ResidentPersonalDataErased', data: { residentId: 'R1' } }]);
    const erased = { type: 'ResidentPersonalDataErased' as const, data: { residentId: 'R1' } };
    given(residentDecider, [enrolled, erased])
      .when(erase)
      .then({ code: 'already-erased', category: 'conflict' });
    // Erased, the resident stays on the roster: counts and history keep them.
    given(residentDecider, [enrolled, erased]).when(enroll).then({ code: 'resident-already-enrolled' });
  });

  it('erases no one it does not know', () => {
    given(residentDecider, []).when(erase).then({ code: 'resident-not-found', category: 'not-found' });
    const stray = { type: 'ResidentPersonalDataErased' as const, data: { residentId: 'R1' } };
    given(residentDecider, [stray]).when(erase).then({ code: 'resident-not-found', category: 'not-found' });
  });
});
