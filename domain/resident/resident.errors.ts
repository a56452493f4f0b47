import { domainError } from '../shared/errors.js';

export const residentErrors = {
  alreadyEnrolled: (residentId: string) =>
    domainError('resident-already-enrolled', 'conflict', `resident ${residentId} is already on the roster`),
  notFound: (residentId: string) =>
    domainError('resident-not-found', 'not-found', `resident ${residentId} is not on the roster`),
  alreadyErased: (residentId: string) =>
    domainError('already-erased', 'conflict', `resident ${residentId}'s personal data is already erased`),
};
