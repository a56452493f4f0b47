import type { Target } from '../../events/index.js';
import type { PeriodBounds } from '../shared/time.js';
import { inPeriod } from '../shared/time.js';
import { type ComplianceStatus, periodEnded, stillPossible } from './as-of.js';
import { type ComplianceItem, type Judgement, rowOf } from './compliance-item.js';
import { fulfils, standingAt, studySessionsOf } from './study-record.js';

/**
 * `members-study`: every party member attends or makes up every study session held in the period.
 * `required` = members × sessions held, `actual` = the pairs attended or made up, `shortMembers`
 * = members with a session neither attended nor made up (absent, or on leave awaiting make-up),
 * `evidence` = the sessions held. A make-up counts whenever it is recorded, also after the period.
 * The target's `minimum` and `category`/`format` are not read: the sessions are the study sessions.
 *
 * - met: every pair fulfilled, with at least one session held and none still to come (after the
 *   period ends: every pair fulfilled, vacuously so when none was held);
 * - missed: the period ended with a pair unfulfilled (it turns met once the last make-up is recorded);
 * - at-risk: before the period ends, a member was absent without approved leave and has not made up;
 * - open: otherwise (sessions to come, none held yet, or approved leaves awaiting their make-up).
 */
export function membersStudyItem(
  target: Target,
  period: PeriodBounds,
  { activities, members, instant }: Judgement,
): ComplianceItem {
  const sessions = studySessionsOf(activities);
  const held = sessions
    .filter((s) => s.held && inPeriod(s.held.heldOn, period))
    .sort((a, b) => a.activityId.localeCompare(b.activityId));
  const toCome = sessions.filter((s) => stillPossible(s, period, instant)).length;
  let actual = 0;
  let absent = false;
  const short = new Set<string>();
  for (const member of members) {
    for (const session of held) {
      const { standing } = standingAt(session, member, instant);
      if (fulfils(standing)) actual++;
      else short.add(member);
      if (standing === 'absent') absent = true;
    }
  }
  const required = members.length * held.length;
  const judged = (): ComplianceStatus => {
    if (periodEnded(period, instant)) return actual >= required ? 'met' : 'missed';
    if (absent) return 'at-risk';
    return toCome > 0 || held.length === 0 || actual < required ? 'open' : 'met';
  };
  return {
    ...rowOf(target, period),
    required,
    actual,
    status: judged(),
    evidence: held.map((s) => s.activityId),
    shortMembers: [...short].sort(),
  };
}
