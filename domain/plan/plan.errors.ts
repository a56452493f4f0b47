import { domainError } from '../shared/errors.js';

export const planErrors = {
  alreadyExists: (planId: string) =>
    domainError('plan-already-exists', 'conflict', `plan ${planId} already exists`),
  notFound: (planId: string) => domainError('plan-not-found', 'not-found', `plan ${planId} does not exist`),
  targetNeedsCategory: (metric: string) =>
    domainError(
      'target-needs-category',
      'invalid',
      `a ${metric} target must name the category of activities it counts`,
    ),
  targetTakesNoCategory: (metric: string) =>
    domainError(
      'target-takes-no-category',
      'invalid',
      `a ${metric} target judges members or equipment, not activities of a category: give no category or format`,
    ),
  leaderInDeputies: () => domainError('leader-is-deputy', 'invalid', 'the leader cannot also be a deputy'),
  residentNotFound: (residentId: string) =>
    domainError('resident-not-found', 'not-found', `resident ${residentId} is not on the roster`),
  residentErased: (residentId: string) =>
    domainError(
      'resident-erased',
      'conflict',
      `resident ${residentId} was erased: their name and email can no longer be recorded`,
    ),
  residentOrPerson: () =>
    domainError(
      'resident-or-person',
      'invalid',
      "a group entry names a resident (residentId) or the plan's person (personId), not both",
    ),
  personNotFound: (personId: string) =>
    domainError(
      'person-not-found',
      'not-found',
      `person ${personId} was never named in this plan's organizing group`,
    ),
  personErased: (personId: string) =>
    domainError(
      'person-erased',
      'conflict',
      `person ${personId} was erased: their name and email can no longer be recorded`,
    ),
  personAlreadyErased: (personId: string) =>
    domainError('already-erased', 'conflict', `person ${personId}'s personal data is already erased`),
};
