import { describe, expect, it } from 'vitest';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { spec } from '../../support/decider-spec.js';

const enroll = {
  type: 'EnrollResident' as const,
  residentId: 'R1',
  name: 'Sun Li',
  householdId: 'H-1',
  phone: '13900000000',
};

describe('resident decider', () => {
  it('enrolls a new resident, not a party member unless said so', () => {
    spec(residentDecider)
      .given([])
      .when(enroll)
      .thenEmits([
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
    spec(residentDecider)
      .given([])
      .when({ ...enroll, partyMember: true, branch: 'Second branch' })
      .thenEmits([
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
    spec(residentDecider)
      .given([
        {
          type: 'ResidentEnrolled',
          data: { residentId: 'R1', name: 'Sun Li', householdId: 'H-1', partyMember: false },
        },
      ])
      .when(enroll)
      .thenFails('resident-already-enrolled', 'conflict');
  });

  const enrolled = {
    type: 'ResidentEnrolled' as const,
    data: { residentId: 'R1', name: 'Sun Li', householdId: 'H-1', partyMember: true },
  };
  const erase = { type: 'ErasePersonalData' as const, residentId: 'R1' };

  it('knows an enrolled resident’s household and membership', () => {
    expect(spec(residentDecider).given([]).when(enroll).thenState()).toEqual({
      status: 'enrolled',
      householdId: 'H-1',
      partyMember: false,
    });
  });

  it('erases the personal data of a resident on the roster, once', () => {
    spec(residentDecider)
      .given([enrolled])
      .when(erase)
      .thenEmits([{ type: 'ResidentPersonalDataErased', data: { residentId: 'R1' } }]);
    const erased = { type: 'ResidentPersonalDataErased' as const, data: { residentId: 'R1' } };
    spec(residentDecider).given([enrolled, erased]).when(erase).thenFails('already-erased', 'conflict');
    // Erased, the resident stays on the roster: counts and history keep them.
    spec(residentDecider).given([enrolled, erased]).when(enroll).thenFails('resident-already-enrolled');
  });

  it('erases no one it does not know', () => {
    spec(residentDecider).given([]).when(erase).thenFails('resident-not-found', 'not-found');
    const stray = { type: 'ResidentPersonalDataErased' as const, data: { residentId: 'R1' } };
    spec(residentDecider).given([stray]).when(erase).thenFails('resident-not-found', 'not-found');
  });
});
