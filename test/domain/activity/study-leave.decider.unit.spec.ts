import { describe, it } from 'vitest';
import { type ActivityCommand, activityDecider } from '../../../domain/activity/activity.decider.js';
import type { MakeUpSessionFacts } from '../../../domain/activity/study-leave.js';
import type { DomainEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

// A study session on 20 April 2026, 19:00–21:00 in Shanghai.
const window = { start: '2026-04-20T11:00:00.000Z', end: '2026-04-20T13:00:00.000Z' };
const before = '2026-04-19T02:00:00.000Z';
const planned = (format = 'study-session', category = 'party-education'): DomainEvent =>
  ({
    type: 'ActivityPlanned',
    data: {
      activityId: 'S1',
      planId: 'P',
      planYear: 2026,
      timeZone: 'Asia/Shanghai',
      category,
      format,
      title: 'Study: the plenary',
      window,
    },
  }) as DomainEvent;
const held: DomainEvent = {
  type: 'ActivityHeld',
  data: { heldOn: window.start, summary: 'Studied', heldWithinWindow: true },
};
const attended = (residentId: string): DomainEvent => ({
  type: 'ResidentAttended',
  data: { residentId, method: 'organizer', at: window.start },
});
const requested = (residentId: string): DomainEvent => ({
  type: 'StudyLeaveRequested',
  data: { residentId, reason: 'night shift', requestedAt: before },
});
const approved = (residentId: string): DomainEvent => ({ type: 'StudyLeaveApproved', data: { residentId } });
const declined = (residentId: string): DomainEvent => ({ type: 'StudyLeaveDeclined', data: { residentId } });

const askLeave = (
  over: Partial<Extract<ActivityCommand, { type: 'RequestStudyLeave' }>> = {},
): ActivityCommand => ({
  type: 'RequestStudyLeave',
  activityId: 'S1',
  residentId: 'M1',
  residentKnown: true,
  partyMember: true,
  reason: 'night shift',
  requestedAt: before,
  backDated: false,
  ...over,
});
const decide = (outcome: 'approved' | 'declined', note?: string): ActivityCommand => ({
  type: 'DecideStudyLeave',
  activityId: 'S1',
  residentId: 'M1',
  outcome,
  ...(note === undefined ? {} : { note }),
});
const later: MakeUpSessionFacts = {
  studySession: true,
  cancelled: false,
  start: '2026-05-10T11:00:00.000Z',
  attended: true,
};
const makeUpBySession = (
  session: MakeUpSessionFacts | undefined = later,
  sessionId = 'S2',
): ActivityCommand => ({
  type: 'RecordStudyMakeUp',
  activityId: 'S1',
  residentId: 'M1',
  residentKnown: true,
  partyMember: true,
  makeUp: { by: 'session', sessionId },
  session,
});
const makeUpByNote: ActivityCommand = {
  type: 'RecordStudyMakeUp',
  activityId: 'S1',
  residentId: 'M1',
  residentKnown: true,
  partyMember: true,
  makeUp: { by: 'note', note: 'Read the communiqué, notes attached', reviewedBy: 'O1' },
};

describe('study leave (请假)', () => {
  it('a party member asks for leave before the session starts', () => {
    given(activityDecider, [planned()])
      .when(askLeave())
      .then([requested('M1')]);
  });

  it('is refused once the session has started, or has been held', () => {
    given(activityDecider, [planned()])
      .when(askLeave({ requestedAt: window.start }))
      .then({ code: 'session-started', category: 'conflict' });
    given(activityDecider, [planned(), held]).when(askLeave()).then({ code: 'session-started' });
  });

  it('staff may enter a paper slip asked before the start, also once the session is held', () => {
    given(activityDecider, [planned(), held])
      .when(askLeave({ backDated: true }))
      .then([requested('M1')]);
    given(activityDecider, [planned(), held])
      .when(askLeave({ backDated: true, requestedAt: window.start }))
      .then({ code: 'session-started' });
  });

  it('is refused to a non-member, an unknown resident, one who attended, and twice', () => {
    given(activityDecider, [planned()])
      .when(askLeave({ partyMember: false }))
      .then({ code: 'not-a-party-member', category: 'conflict' });
    given(activityDecider, [planned()])
      .when(askLeave({ residentKnown: false }))
      .then({ code: 'resident-not-found', category: 'not-found' });
    given(activityDecider, [planned(), attended('M1')])
      .when(askLeave())
      .then({ code: 'already-attended' });
    given(activityDecider, [planned(), requested('M1')])
      .when(askLeave())
      .then({ code: 'leave-already-requested' });
    given(activityDecider, [planned(), requested('M1'), approved('M1')])
      .when(askLeave())
      .then({ code: 'leave-already-requested' });
  });

  it('may be asked again after it was declined', () => {
    given(activityDecider, [planned(), requested('M1'), declined('M1')])
      .when(askLeave())
      .then([requested('M1')]);
  });

  it('is only for study sessions, and not for a cancelled one', () => {
    given(activityDecider, [planned('lecture')])
      .when(askLeave())
      .then({ code: 'not-a-study-session' });
    given(activityDecider, [planned('study-session', 'publicity')])
      .when(askLeave())
      .then({ code: 'not-a-study-session' });
    given(activityDecider, [planned(), { type: 'ActivityCancelled', data: { reason: 'storm' } }])
      .when(askLeave())
      .then({ code: 'activity-cancelled', category: 'conflict' });
    given(activityDecider, []).when(askLeave()).then({ code: 'activity-not-found', category: 'not-found' });
  });

  it('an organizer approves or declines a pending request, with a note', () => {
    given(activityDecider, [planned(), requested('M1')])
      .when(decide('approved'))
      .then([approved('M1')]);
    given(activityDecider, [planned(), requested('M1')])
      .when(decide('declined', 'the session is compulsory'))
      .then([{ type: 'StudyLeaveDeclined', data: { residentId: 'M1', note: 'the session is compulsory' } }]);
    // Late decisions stand: the request was made in time.
    given(activityDecider, [planned(), requested('M1'), held])
      .when(decide('approved'))
      .then([approved('M1')]);
  });

  it('refuses a decision with nothing pending', () => {
    given(activityDecider, [planned()]).when(decide('approved')).then({ code: 'no-pending-leave' });
    given(activityDecider, [planned(), requested('M1'), approved('M1')])
      .when(decide('declined'))
      .then({ code: 'no-pending-leave' });
  });
});

describe('make-up (补学)', () => {
  const onLeave = [planned(), requested('M1'), approved('M1'), held];

  it('closes an approved leave by a later study session the member attended', () => {
    given(activityDecider, onLeave)
      .when(makeUpBySession())
      .then([
        { type: 'StudyMadeUp', data: { residentId: 'M1', makeUp: { by: 'session', sessionId: 'S2' } } },
      ]);
  });

  it('closes an absence without leave too, by a reviewed study note', () => {
    given(activityDecider, [planned(), held])
      .when(makeUpByNote)
      .then([
        {
          type: 'StudyMadeUp',
          data: {
            residentId: 'M1',
            makeUp: { by: 'note', note: 'Read the communiqué, notes attached', reviewedBy: 'O1' },
          },
        },
      ]);
  });

  it('is refused before the session is held, after attending, and twice', () => {
    given(activityDecider, [planned(), requested('M1'), approved('M1')])
      .when(makeUpByNote)
      .then({ code: 'session-not-held' });
    given(activityDecider, [planned(), attended('M1'), held])
      .when(makeUpByNote)
      .then({ code: 'already-attended' });
    given(activityDecider, [
      ...onLeave,
      { type: 'StudyMadeUp', data: { residentId: 'M1', makeUp: { by: 'session', sessionId: 'S2' } } },
    ])
      .when(makeUpByNote)
      .then({ code: 'already-made-up' });
  });

  it('is refused for a resident the roster does not have, and for one who is not a party member', () => {
    given(activityDecider, [planned(), held])
      .when({ ...makeUpByNote, residentKnown: false, partyMember: false })
      .then({ code: 'resident-not-found' });
    given(activityDecider, [planned(), held])
      .when({ ...makeUpByNote, partyMember: false })
      .then({ code: 'not-a-party-member' });
  });

  it('needs a later, real study session the member attended', () => {
    given(activityDecider, onLeave)
      .when({ ...makeUpBySession(), session: undefined } as ActivityCommand)
      .then({ code: 'activity-not-found' });
    given(activityDecider, onLeave)
      .when(makeUpBySession({ ...later, attended: false }))
      .then({ code: 'make-up-session-not-attended', category: 'conflict' });
    given(activityDecider, onLeave)
      .when(makeUpBySession({ ...later, start: '2026-04-01T11:00:00.000Z' }))
      .then({ code: 'make-up-session-not-later' });
    given(activityDecider, onLeave)
      .when(makeUpBySession({ ...later, start: window.start }, 'S1'))
      .then({ code: 'make-up-session-not-later' });
    given(activityDecider, onLeave)
      .when(makeUpBySession({ ...later, studySession: false }))
      .then({ code: 'make-up-not-a-study-session' });
    given(activityDecider, onLeave)
      .when(makeUpBySession({ ...later, cancelled: true }))
      .then({ code: 'make-up-not-a-study-session' });
  });
});
