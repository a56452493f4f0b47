import * as z from 'zod';
import type { DomainEvent } from '../../events/index.js';

/** Study facts (issue 18) live in each session's compliance row (bounded, as-of ready): no view of their own. */
const Interval = z.object({ from: z.string(), to: z.string().optional() });

/** One resident's facts about one study session, each with the instant it was recorded. */
export const StudyMemberFacts = z.object({
  /** Recorded intervals during which the resident was signed in. */
  signedIn: z.array(Interval),
  /** Every leave request, in order, with its decision. */
  leaves: z.array(
    z.object({
      reason: z.string(),
      requestedAt: z.string(),
      decision: z
        .object({ outcome: z.enum(['approved', 'declined']), note: z.string().optional(), at: z.string() })
        .optional(),
    }),
  ),
  madeUp: z
    .object({
      by: z.enum(['session', 'note']),
      sessionId: z.string().optional(),
      note: z.string().optional(),
      reviewedBy: z.string().optional(),
      recordedAt: z.string(),
    })
    .optional(),
});
export type StudyMemberFacts = z.infer<typeof StudyMemberFacts>;

/** What a study session's compliance row adds: its title and, per resident, attendance, leave and make-up. */
export const StudyFacts = z.object({ title: z.string(), residents: z.record(z.string(), StudyMemberFacts) });
export type StudyFacts = z.infer<typeof StudyFacts>;

export const noStudyFacts: StudyMemberFacts = { signedIn: [], leaves: [] };

function withLastLeave(
  facts: StudyMemberFacts,
  decision: NonNullable<StudyMemberFacts['leaves'][0]['decision']>,
) {
  const last = facts.leaves.at(-1);
  if (!last) return facts;
  return { ...facts, leaves: [...facts.leaves.slice(0, -1), { ...last, decision }] };
}

function memberFacts(facts: StudyMemberFacts, event: DomainEvent, at: string): StudyMemberFacts {
  switch (event.type) {
    case 'ResidentAttended':
      return { ...facts, signedIn: [...facts.signedIn, { from: at }] };
    case 'AttendanceRevoked': {
      const last = facts.signedIn.at(-1);
      if (!last || last.to !== undefined) return facts;
      return { ...facts, signedIn: [...facts.signedIn.slice(0, -1), { ...last, to: at }] };
    }
    case 'StudyLeaveRequested':
      return { ...facts, leaves: [...facts.leaves, { reason: event.data.reason, requestedAt: at }] };
    case 'StudyLeaveApproved':
    case 'StudyLeaveDeclined': {
      const outcome = event.type === 'StudyLeaveApproved' ? 'approved' : 'declined';
      const note = event.data.note;
      return withLastLeave(facts, note === undefined ? { outcome, at } : { outcome, note, at });
    }
    case 'StudyMadeUp':
      return { ...facts, madeUp: { ...event.data.makeUp, recordedAt: at } };
    default:
      return facts;
  }
}

/** The events about one resident at a study session. */
export const studyResidentOf = (event: DomainEvent): string | undefined => {
  switch (event.type) {
    case 'ResidentAttended':
    case 'AttendanceRevoked':
    case 'StudyLeaveRequested':
    case 'StudyLeaveApproved':
    case 'StudyLeaveDeclined':
    case 'StudyMadeUp':
      return event.data.residentId;
    default:
      return undefined;
  }
};

/** A session's study facts after an event recorded at `at`. */
export function applyStudy(facts: StudyFacts, event: DomainEvent, at: string): StudyFacts {
  const residentId = studyResidentOf(event);
  if (residentId === undefined) return facts;
  const current = facts.residents[residentId] ?? noStudyFacts;
  return { ...facts, residents: { ...facts.residents, [residentId]: memberFacts(current, event, at) } };
}
