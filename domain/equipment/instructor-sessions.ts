import { dayInPeriod } from './calendar.js';
import type { InstructorDetail, InstructorSession } from './equipment.view.js';

/** One line of the leaders' report: an instructor and the sessions they led in the period. */
export interface InstructorSessionCount {
  readonly instructorId: string;
  readonly name: string;
  readonly specialty: string;
  readonly certifiedUntil?: string;
  readonly sessions: number;
  /** The participants the sessions recorded (sessions without a count add nothing). */
  readonly participants: number;
  /** The sports-fitness activities the sessions belonged to, sorted. */
  readonly activityIds: readonly string[];
}

/** What the counts are computed from: the instructors, and their sessions (those of the period suffice). */
export interface InstructorReportFacts {
  readonly instructors: readonly InstructorDetail[];
  readonly sessions: readonly InstructorSession[];
}

const recordedBy = (at: string, asOf: Date | undefined) =>
  asOf === undefined || Date.parse(at) <= asOf.getTime();

/**
 * Every instructor registered (by `asOf`, when given) with the sessions they led in `period`
 * (`2026`, `2026-Q3`, `2026-07`: days counted in each session's zone), recorded by `asOf`. Instructors
 * who led none are listed with 0: the report shows who was not sent into the community. Most
 * sessions first, then by name.
 */
export function instructorSessionCounts(
  facts: InstructorReportFacts,
  period: string,
  asOf?: Date,
): InstructorSessionCount[] {
  const sessions = facts.sessions.filter(
    (s) => dayInPeriod(s.heldDay, period) && recordedBy(s.recordedAt, asOf),
  );
  return facts.instructors
    .filter((i) => recordedBy(i.registeredAt, asOf))
    .map((instructor) => {
      const own = sessions.filter((s) => s.instructorId === instructor.instructorId);
      const activityIds = [...new Set(own.flatMap((s) => (s.activityId ? [s.activityId] : [])))].sort();
      return {
        instructorId: instructor.instructorId,
        name: instructor.name,
        specialty: instructor.specialty,
        ...(instructor.certifiedUntil ? { certifiedUntil: instructor.certifiedUntil } : {}),
        sessions: own.length,
        participants: own.reduce((sum, s) => sum + (s.participants ?? 0), 0),
        activityIds,
      };
    })
    .sort(
      (a, b) =>
        b.sessions - a.sessions ||
        a.name.localeCompare(b.name) ||
        a.instructorId.localeCompare(b.instructorId),
    );
}
