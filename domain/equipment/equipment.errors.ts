import { domainError } from '../shared/errors.js';

export const equipmentErrors = {
  venueAlreadyRegistered: (venueId: string) =>
    domainError('venue-already-registered', 'conflict', `venue ${venueId} is already registered`),
  venueNotFound: (venueId: string) =>
    domainError('venue-not-found', 'not-found', `venue ${venueId} is not registered`),
  alreadyInstalled: (equipmentId: string) =>
    domainError('equipment-already-installed', 'conflict', `equipment ${equipmentId} is already installed`),
  notFound: (equipmentId: string) =>
    domainError('equipment-not-found', 'not-found', `equipment ${equipmentId} is not on the register`),
  retired: (equipmentId: string, retiredOn: string) =>
    domainError(
      'equipment-retired',
      'conflict',
      `equipment ${equipmentId} was retired on ${retiredOn}: nothing more is recorded for it`,
    ),
  beforeInstallation: (what: 'inspected' | 'maintained' | 'retired', installedOn: string) =>
    domainError(
      `${what}-before-installation`,
      'conflict',
      `the item was installed on ${installedOn}: it cannot have been ${what} before`,
    ),
  retiredBeforeLastRecord: (latest: string) =>
    domainError(
      'retired-before-last-record',
      'conflict',
      `the item has a record dated ${latest}: it cannot have been retired before it`,
    ),
  inTheFuture: (field: string, value: string) =>
    domainError('dated-in-the-future', 'invalid', `${field} ${value} has not happened yet`),
  instructorAlreadyRegistered: (instructorId: string) =>
    domainError(
      'instructor-already-registered',
      'conflict',
      `instructor ${instructorId} is already registered`,
    ),
  instructorNotFound: (instructorId: string) =>
    domainError('instructor-not-found', 'not-found', `instructor ${instructorId} is not registered`),
  residentNotFound: (residentId: string) =>
    domainError('resident-not-found', 'not-found', `resident ${residentId} is not on the roster`),
  activityNotFound: (activityId: string) =>
    domainError('activity-not-found', 'not-found', `activity ${activityId} does not exist`),
  activityNotSports: (activityId: string, category: string) =>
    domainError(
      'activity-not-sports-fitness',
      'conflict',
      `activity ${activityId} is a ${category} activity: a session belongs to a sports-fitness one`,
    ),
  activityCancelled: (activityId: string) =>
    domainError('activity-cancelled', 'conflict', `activity ${activityId} was cancelled`),
};
