import { domainError } from '../shared/errors.js';

export const activityErrors = {
  alreadyExists: (id: string) =>
    domainError('activity-already-exists', 'conflict', `activity ${id} already exists`),
  notFound: (id: string) => domainError('activity-not-found', 'not-found', `activity ${id} does not exist`),
  cancelled: () => domainError('activity-cancelled', 'conflict', 'the activity is cancelled'),
  alreadyHeld: () => domainError('activity-already-held', 'conflict', 'the activity has already been held'),
  windowEndsBeforeStart: () =>
    domainError('window-ends-before-start', 'invalid', 'the window must end on or after its start'),
  windowOutsidePlanYear: (year: number) =>
    domainError('window-outside-plan-year', 'invalid', `the window must lie within the plan's year ${year}`),
  residentNotFound: (residentId: string) =>
    domainError(
      'resident-not-found',
      'not-found',
      `resident ${residentId} is not on this community's roster`,
    ),
  alreadyRegistered: (residentId: string) =>
    domainError('already-registered', 'conflict', `resident ${residentId} is already registered`),
  alreadyWaitlisted: (residentId: string, position: number) =>
    domainError(
      'already-waitlisted',
      'conflict',
      `resident ${residentId} is already on the waitlist (number ${position} in line)`,
    ),
  notRegistered: (residentId: string) =>
    domainError(
      'not-registered',
      'conflict',
      `resident ${residentId} has no registration or place on the waitlist to cancel`,
    ),
  tooLateToCancel: (start: string) =>
    domainError(
      'too-late-to-cancel',
      'conflict',
      `a registration can be cancelled only before the activity opens (${start})`,
    ),
  alreadyAttended: (residentId: string) =>
    domainError('already-attended', 'conflict', `resident ${residentId} has already attended this activity`),
  notAttended: (residentId: string) =>
    domainError('not-attended', 'conflict', `resident ${residentId} has no attendance to revoke`),
  checkInTooEarly: (opens: string, at: string) =>
    domainError(
      'check-in-too-early',
      'conflict',
      `check-in opens at ${opens} (the window's start less the plan's margin); this check-in is at ${at}`,
    ),
  checkInTooLate: (closes: string, at: string) =>
    domainError(
      'check-in-too-late',
      'conflict',
      `check-in closed at ${closes} (the window's end plus the plan's margin); this check-in is at ${at}: only an organizer's correction records it now`,
    ),
  scanTooOld: (at: string) =>
    domainError(
      'scan-too-old',
      'invalid',
      `a kiosk's scan is accepted up to 7 days after it was made; this one was made at ${at}: only an organizer's correction records it now`,
    ),
  checkInInFuture: (at: string, now: string) =>
    domainError(
      'check-in-in-future',
      'invalid',
      `the check-in is dated ${at}, after the server's clock (${now})`,
    ),
  ticketForAnotherWindow: () =>
    domainError(
      'check-in-ticket-stale',
      'conflict',
      'the activity was rescheduled after this sign-in sheet was printed: print the sheet again',
    ),
  heldBeforeWindow: (start: string) =>
    domainError(
      'held-before-window',
      'invalid',
      `an activity cannot be held before its window starts (${start})`,
    ),
  heldInFuture: (now: string) =>
    domainError('held-in-future', 'invalid', `an activity cannot be recorded as held after now (${now})`),
};
