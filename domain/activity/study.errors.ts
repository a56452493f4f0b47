import { domainError } from '../shared/errors.js';

export const studyErrors = {
  notAStudySession: () =>
    domainError(
      'not-a-study-session',
      'conflict',
      'leave and make-up are for study sessions (party-education, study-session) only',
    ),
  notAPartyMember: (residentId: string) =>
    domainError('not-a-party-member', 'conflict', `resident ${residentId} is not a party member`),
  sessionStarted: () =>
    domainError('session-started', 'conflict', 'leave is asked before the session starts'),
  leaveAlreadyRequested: (residentId: string) =>
    domainError(
      'leave-already-requested',
      'conflict',
      `resident ${residentId} has already asked for leave from this session`,
    ),
  noPendingLeave: (residentId: string) =>
    domainError(
      'no-pending-leave',
      'conflict',
      `resident ${residentId} has no leave request awaiting a decision`,
    ),
  sessionNotHeld: () =>
    domainError('session-not-held', 'conflict', 'a session is made up once it has been held'),
  alreadyMadeUp: (residentId: string) =>
    domainError('already-made-up', 'conflict', `resident ${residentId} has already made up this session`),
  makeUpNotAStudySession: (sessionId: string) =>
    domainError(
      'make-up-not-a-study-session',
      'conflict',
      `activity ${sessionId} is not a study session that took place`,
    ),
  makeUpSessionNotLater: (sessionId: string) =>
    domainError(
      'make-up-session-not-later',
      'conflict',
      `session ${sessionId} does not start after this one`,
    ),
  makeUpSessionNotAttended: (residentId: string, sessionId: string) =>
    domainError(
      'make-up-session-not-attended',
      'conflict',
      `resident ${residentId} did not attend session ${sessionId}`,
    ),
};
