import { domainError } from '../shared/errors.js';

export const residentErrors = {
  alreadyEnrolled: (residentId: string) =>
    domainError('resident-already-enrolled', 'conflict', `resident ${residentId} is already on the roster`),
};
