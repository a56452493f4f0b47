import { describe, it } from 'vitest';
import { residentDecider } from '../../domain/resident/resident.decider.js';
import { spec } from '../support/decider-spec.js';

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
});
