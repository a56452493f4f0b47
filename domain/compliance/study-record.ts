import { type ActivityAsOf, openAt, recordedBy } from './as-of.js';
import { noStudyFacts, type StudyFacts, type StudyMemberFacts } from './study.view.js';

/**
 * Where a member stands at one study session, as the history said at an instant:
 * - attended: signed in (and not revoked);
 * - made-up: a make-up (补学) closed the absence, with or without leave;
 * - on-leave: an approved leave, not yet made up;
 * - absent: the session was held, with none of the above;
 * - upcoming: the session is not held yet (a leave may be asked or approved);
 * - not-held: its window has passed and nobody recorded it as held (the organizer's record is missing).
 */
export type StudyStanding = 'attended' | 'made-up' | 'on-leave' | 'absent' | 'upcoming' | 'not-held';
export const studyStandings = ['attended', 'made-up', 'on-leave', 'absent', 'upcoming', 'not-held'] as const;

export interface LeaveAsOf {
  readonly status: 'requested' | 'approved' | 'declined';
  readonly reason: string;
  readonly requestedAt: string;
  readonly decidedAt?: string;
  readonly note?: string;
}

export type MadeUpAsOf = NonNullable<StudyMemberFacts['madeUp']>;

export interface SessionStanding {
  readonly standing: StudyStanding;
  readonly leave?: LeaveAsOf;
  readonly madeUp?: MadeUpAsOf;
}

/** A study session (its compliance row carries study facts) as of an instant. */
export type StudySession = ActivityAsOf & { readonly study: StudyFacts };

/** The study sessions among the activities as of an instant; cancelled ones ask nothing of anyone. */
export const studySessionsOf = (activities: readonly ActivityAsOf[]): StudySession[] =>
  activities.filter((a): a is StudySession => a.study !== undefined && !a.cancelled);

/** The instant a session is counted at: the day it was held, else the start of its planned window. */
export const sessionInstant = (session: ActivityAsOf) => session.held?.heldOn ?? session.window.start;

/** The member's latest leave request recorded by `instant`, with its decision if recorded by then. */
export function leaveAsOf(facts: StudyMemberFacts, instant: number): LeaveAsOf | undefined {
  const leave = facts.leaves.filter((l) => recordedBy(l.requestedAt, instant)).at(-1);
  if (!leave) return undefined;
  const { reason, requestedAt } = leave;
  const decision = leave.decision && recordedBy(leave.decision.at, instant) ? leave.decision : undefined;
  if (!decision) return { status: 'requested', reason, requestedAt };
  return {
    status: decision.outcome,
    reason,
    requestedAt,
    decidedAt: decision.at,
    ...(decision.note === undefined ? {} : { note: decision.note }),
  };
}

export function standingAt(session: StudySession, residentId: string, instant: number): SessionStanding {
  const facts = session.study.residents[residentId] ?? noStudyFacts;
  const leave = leaveAsOf(facts, instant);
  const madeUp = facts.madeUp && recordedBy(facts.madeUp.recordedAt, instant) ? facts.madeUp : undefined;
  const details = { ...(leave ? { leave } : {}), ...(madeUp ? { madeUp } : {}) };
  if (openAt(facts.signedIn, instant)) return { standing: 'attended', ...details };
  if (madeUp) return { standing: 'made-up', ...details };
  if (leave?.status === 'approved') return { standing: 'on-leave', ...details };
  if (session.held) return { standing: 'absent', ...details };
  return { standing: Date.parse(session.window.end) < instant ? 'not-held' : 'upcoming', ...details };
}

/** Whether a standing fulfils the session: attended, or made up. */
export const fulfils = (standing: StudyStanding) => standing === 'attended' || standing === 'made-up';

export type StandingCounts = { readonly sessions: number } & Readonly<Record<StudyStanding, number>>;

export function countStandings(standings: readonly StudyStanding[]): StandingCounts {
  const counts = {
    sessions: standings.length,
    attended: 0,
    'made-up': 0,
    'on-leave': 0,
    absent: 0,
    upcoming: 0,
    'not-held': 0,
  };
  for (const standing of standings) counts[standing]++;
  return counts;
}
