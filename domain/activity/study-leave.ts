import type { Category, Format, MakeUp, StudyEvent, Window } from '../../events/index.js';
import type { Decision } from '../shared/decider.js';
import { type IdSet, idSetAdd, idSetHas } from '../shared/id-set.js';
import { activityErrors } from './activity.errors.js';
import { studyErrors } from './study.errors.js';

/** A study session (学习会): the party-education study sessions members take leave from and make up. */
export const isStudySession = (activity: { readonly category: Category; readonly format: Format }) =>
  activity.category === 'party-education' && activity.format === 'study-session';

/** A member's leave from one session: asked, then approved or declined (a declined one may be asked again). */
export type LeaveStatus = 'requested' | 'approved' | 'declined';

/** What of an activity's state the study rules read: a slice every planned activity's state has. */
export interface StudySlice {
  readonly status: 'planned' | 'cancelled' | 'held';
  readonly category: Category;
  readonly format: Format;
  readonly window: Window;
  readonly attending: IdSet;
  readonly leaves: Readonly<Record<string, LeaveStatus>>;
  readonly madeUp: IdSet;
}

/** The later session a member made up by attending, as its own stream says (absent: no such activity). */
export interface MakeUpSessionFacts {
  readonly studySession: boolean;
  readonly cancelled: boolean;
  readonly start: string;
  /** Whether the member is signed in at it. */
  readonly attended: boolean;
}

export type StudyCommand =
  | {
      readonly type: 'RequestStudyLeave';
      readonly activityId: string;
      readonly residentId: string;
      readonly residentKnown: boolean;
      readonly partyMember: boolean;
      readonly reason: string;
      /** When the member asked: before the session starts. */
      readonly requestedAt: string;
      /** Whether `requestedAt` is a paper slip entered later (else it is now). */
      readonly backDated: boolean;
    }
  | {
      readonly type: 'DecideStudyLeave';
      readonly activityId: string;
      readonly residentId: string;
      readonly outcome: 'approved' | 'declined';
      readonly note?: string;
    }
  | {
      readonly type: 'RecordStudyMakeUp';
      readonly activityId: string;
      readonly residentId: string;
      /** Whether the roster has the resident, and as a party member (the handler loaded it). */
      readonly residentKnown: boolean;
      readonly partyMember: boolean;
      readonly makeUp: MakeUp;
      /** For a make-up by session: that session's facts (undefined when it does not exist). */
      readonly session?: MakeUpSessionFacts;
    };

function makeUpProblem(command: Extract<StudyCommand, { type: 'RecordStudyMakeUp' }>, state: StudySlice) {
  if (command.makeUp.by !== 'session') return undefined;
  const { sessionId } = command.makeUp;
  const session = command.session;
  if (!session) return activityErrors.notFound(sessionId);
  if (!session.studySession || session.cancelled) return studyErrors.makeUpNotAStudySession(sessionId);
  if (sessionId === command.activityId || Date.parse(session.start) <= Date.parse(state.window.start))
    return studyErrors.makeUpSessionNotLater(sessionId);
  if (!session.attended) return studyErrors.makeUpSessionNotAttended(command.residentId, sessionId);
  return undefined;
}

/** Leave and make-up on a planned or held (never cancelled) activity. */
export function decideStudy(command: StudyCommand, state: StudySlice): Decision<StudyEvent> {
  if (!isStudySession(state)) return studyErrors.notAStudySession();
  const { residentId } = command;
  switch (command.type) {
    case 'RequestStudyLeave': {
      if (!command.residentKnown) return activityErrors.residentNotFound(residentId);
      if (!command.partyMember) return studyErrors.notAPartyMember(residentId);
      if (idSetHas(state.attending, residentId)) return activityErrors.alreadyAttended(residentId);
      const leave = state.leaves[residentId];
      if (leave === 'requested' || leave === 'approved') return studyErrors.leaveAlreadyRequested(residentId);
      const { reason, requestedAt } = command;
      if (
        (state.status === 'held' && !command.backDated) ||
        Date.parse(requestedAt) >= Date.parse(state.window.start)
      )
        return studyErrors.sessionStarted();
      return [{ type: 'StudyLeaveRequested', data: { residentId, reason, requestedAt } }];
    }
    case 'DecideStudyLeave': {
      if (state.leaves[residentId] !== 'requested') return studyErrors.noPendingLeave(residentId);
      const data = command.note === undefined ? { residentId } : { residentId, note: command.note };
      return [{ type: command.outcome === 'approved' ? 'StudyLeaveApproved' : 'StudyLeaveDeclined', data }];
    }
    case 'RecordStudyMakeUp': {
      if (!command.residentKnown) return activityErrors.residentNotFound(residentId);
      if (!command.partyMember) return studyErrors.notAPartyMember(residentId);
      if (idSetHas(state.attending, residentId)) return activityErrors.alreadyAttended(residentId);
      if (idSetHas(state.madeUp, residentId)) return studyErrors.alreadyMadeUp(residentId);
      // Absences with or without leave are made up alike (补学 is for whoever missed), once held.
      if (state.status !== 'held') return studyErrors.sessionNotHeld();
      const problem = makeUpProblem(command, state);
      if (problem) return problem;
      return [{ type: 'StudyMadeUp', data: { residentId, makeUp: command.makeUp } }];
    }
  }
}

export function evolveStudy<S extends StudySlice>(state: S, event: StudyEvent): S {
  const { residentId } = event.data;
  switch (event.type) {
    case 'StudyLeaveRequested':
      return { ...state, leaves: { ...state.leaves, [residentId]: 'requested' } };
    case 'StudyLeaveApproved':
      return { ...state, leaves: { ...state.leaves, [residentId]: 'approved' } };
    case 'StudyLeaveDeclined':
      return { ...state, leaves: { ...state.leaves, [residentId]: 'declined' } };
    case 'StudyMadeUp':
      return { ...state, madeUp: idSetAdd(state.madeUp, residentId) };
  }
}
