import { describe, expect, it } from 'vitest';
import { activityAsOf } from '../../../domain/compliance/as-of.js';
import { evaluateCompliance } from '../../../domain/compliance/compliance.js';
import type { ActivityComplianceRow, PlanTargetsRow } from '../../../domain/compliance/compliance.view.js';
import type { StudyMemberFacts } from '../../../domain/compliance/study.view.js';
import { standingAt, studySessionsOf } from '../../../domain/compliance/study-record.js';
import { resolveInstant } from '../../../domain/shared/time.js';

const TZ = 'Asia/Shanghai';
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const early = sh('2026-01-01T08:00:00');

const history: PlanTargetsRow['history'] = [
  {
    targetId: 'members',
    description: 'every member attends or makes up every study session',
    metric: 'members-study',
    minimum: 0,
    per: 'quarter',
    recordedAt: early,
  },
];

let n = 0;
/** A study session planned on a day, held that evening if `held`, with each resident's facts. */
function session(
  day: string,
  residents: Record<string, Partial<StudyMemberFacts>> = {},
  options: { held?: boolean; cancelledAt?: string } = {},
): ActivityComplianceRow {
  const window = {
    start: resolveInstant(day, TZ).toISOString(),
    end: resolveInstant(day, TZ, 'end').toISOString(),
  };
  return {
    activityId: `S${++n}`,
    planId: 'P',
    category: 'party-education',
    format: 'study-session',
    plannedAt: early,
    windows: [{ window, recordedAt: early }],
    attendance: 0,
    signedIn: [],
    ...(options.held
      ? {
          held: {
            heldOn: sh(`${day}T19:00:00`),
            heldWithinWindow: true,
            summary: 's',
            recordedAt: sh(`${day}T21:00:00`),
          },
        }
      : {}),
    ...(options.cancelledAt ? { cancelledAt: options.cancelledAt } : {}),
    study: {
      title: `Study ${n}`,
      residents: Object.fromEntries(
        Object.entries(residents).map(([id, f]) => [id, { signedIn: [], leaves: [], ...f }]),
      ),
    },
  };
}
const came = (day: string) => ({ signedIn: [{ from: sh(`${day}T19:05:00`) }] });
const members = [
  { residentId: 'M1', since: early },
  { residentId: 'M2', since: early },
];
const judge = (activities: ActivityComplianceRow[], asOf: string) =>
  evaluateCompliance(
    { plan: { planId: 'P', year: 2026, timeZone: TZ, history }, activities, articles: [], members },
    new Date(sh(asOf)),
  );
const row = (items: ReturnType<typeof judge>, period: string) => items.find((i) => i.period === period)!;

describe('members-study: every member attends or makes up every study session', () => {
  it('met when every member attended every session held in a closed period; required = members × sessions', () => {
    const a = session('2026-01-10', { M1: came('2026-01-10'), M2: came('2026-01-10') }, { held: true });
    const b = session('2026-03-10', { M1: came('2026-03-10'), M2: came('2026-03-10') }, { held: true });
    expect(row(judge([a, b], '2026-04-02T00:00:00'), '2026-Q1')).toMatchObject({
      metric: 'members-study',
      required: 4,
      actual: 4,
      status: 'met',
      evidence: [a.activityId, b.activityId],
      shortMembers: [],
    });
  });

  it('an absence without leave is at risk until made up, missed after the period, met once made up', () => {
    const madeUp = {
      by: 'note' as const,
      note: 'notes',
      reviewedBy: 'O1',
      recordedAt: sh('2026-04-05T10:00:00'),
    };
    const a = session('2026-02-10', { M1: came('2026-02-10'), M2: { madeUp } }, { held: true });
    const rows = [a];
    expect(row(judge(rows, '2026-02-20T00:00:00'), '2026-Q1')).toMatchObject({
      required: 2,
      actual: 1,
      status: 'at-risk',
      shortMembers: ['M2'],
    });
    expect(row(judge(rows, '2026-04-02T00:00:00'), '2026-Q1')).toMatchObject({
      status: 'missed',
      shortMembers: ['M2'],
    });
    // The make-up recorded on 5 April closes Q1's gap: as of then the quarter is met.
    expect(row(judge(rows, '2026-04-06T00:00:00'), '2026-Q1')).toMatchObject({
      actual: 2,
      status: 'met',
      shortMembers: [],
    });
  });

  it('an approved leave awaiting its make-up keeps the period open (short), not at risk; a declined one is an absence', () => {
    const leave = (outcome: 'approved' | 'declined') => ({
      leaves: [
        {
          reason: 'shift',
          requestedAt: sh('2026-05-01T10:00:00'),
          decision: { outcome, at: sh('2026-05-02T10:00:00') },
        },
      ],
    });
    const approved = session('2026-05-10', { M1: came('2026-05-10'), M2: leave('approved') }, { held: true });
    const declined = session('2026-05-10', { M1: came('2026-05-10'), M2: leave('declined') }, { held: true });
    expect(row(judge([approved], '2026-05-20T00:00:00'), '2026-Q2')).toMatchObject({
      actual: 1,
      status: 'open',
      shortMembers: ['M2'],
    });
    expect(row(judge([declined], '2026-05-20T00:00:00'), '2026-Q2')).toMatchObject({ status: 'at-risk' });
  });

  it('open while sessions are still to come or none was held; met once all held are fulfilled and none is to come', () => {
    const held = session('2026-07-10', { M1: came('2026-07-10'), M2: came('2026-07-10') }, { held: true });
    const coming = session('2026-09-10');
    expect(row(judge([held, coming], '2026-07-20T00:00:00'), '2026-Q3')).toMatchObject({
      required: 2,
      actual: 2,
      status: 'open',
    });
    expect(row(judge([held], '2026-07-20T00:00:00'), '2026-Q3')).toMatchObject({ status: 'met' });
    expect(row(judge([coming], '2026-07-20T00:00:00'), '2026-Q3')).toMatchObject({
      required: 0,
      status: 'open',
    });
  });

  it('as of an instant: attendance, revocation, leave decision and make-up count only once recorded', () => {
    const a = session(
      '2026-10-10',
      {
        M1: { signedIn: [{ from: sh('2026-10-10T19:00:00'), to: sh('2026-10-12T09:00:00') }] },
        M2: {
          leaves: [
            {
              reason: 'ill',
              requestedAt: sh('2026-10-01T09:00:00'),
              decision: { outcome: 'approved', at: sh('2026-10-11T09:00:00') },
            },
          ],
        },
      },
      { held: true },
    );
    // 10 Oct 22:00: M1 signed in; M2's leave not yet approved: M2 absent → at risk.
    expect(row(judge([a], '2026-10-10T22:00:00'), '2026-Q4')).toMatchObject({
      actual: 1,
      status: 'at-risk',
      shortMembers: ['M2'],
    });
    // 11 Oct: M2's leave approved → only an excused absence: open.
    expect(row(judge([a], '2026-10-11T12:00:00'), '2026-Q4')).toMatchObject({ actual: 1, status: 'open' });
    // 12 Oct: M1's attendance revoked → M1 absent.
    expect(row(judge([a], '2026-10-12T12:00:00'), '2026-Q4')).toMatchObject({
      actual: 0,
      status: 'at-risk',
      shortMembers: ['M1', 'M2'],
    });
    // Before the session was recorded as held, nothing was required.
    expect(row(judge([a], '2026-10-10T20:00:00'), '2026-Q4')).toMatchObject({ required: 0, evidence: [] });
  });

  it('ignores cancelled sessions, other activities, and members recorded after the instant', () => {
    const cancelled = session('2026-02-10', {}, { held: false, cancelledAt: sh('2026-02-01T00:00:00') });
    const { study: _none, ...lecture } = session('2026-02-11', {}, { held: true });
    const items = evaluateCompliance(
      {
        plan: { planId: 'P', year: 2026, timeZone: TZ, history },
        activities: [cancelled, { ...lecture, format: 'lecture' }],
        articles: [],
        members: [...members, { residentId: 'M3', since: sh('2026-12-01T00:00:00') }],
      },
      new Date(sh('2026-04-02T00:00:00')),
    );
    expect(row(items, '2026-Q1')).toMatchObject({ required: 0, actual: 0, status: 'met', evidence: [] });
  });
});

describe("a member's standing at a study session", () => {
  it('upcoming before its window ends, not-held once it passed with no held record, absent once held', () => {
    const standing = (row: ActivityComplianceRow, asOf: string) => {
      const instant = Date.parse(sh(asOf));
      const [asSeen] = studySessionsOf([activityAsOf(row, instant)!]);
      return standingAt(asSeen!, 'M1', instant).standing;
    };
    const unrecorded = session('2026-03-10');
    expect(standing(unrecorded, '2026-03-10T12:00:00')).toBe('upcoming');
    expect(standing(unrecorded, '2026-03-11T09:00:00')).toBe('not-held');
    expect(standing(session('2026-03-17', {}, { held: true }), '2026-03-18T09:00:00')).toBe('absent');
  });
});
