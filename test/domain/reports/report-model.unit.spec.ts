import { describe, expect, it } from 'vitest';
import type { ActivityDetail } from '../../../domain/activity/activity.view.js';
import { buildReport, type ReportInputs } from '../../../domain/reports/report.js';
import { periodBounds } from '../../../domain/shared/time.js';

const zone = 'Asia/Shanghai';

function activity(id: string, over: Partial<ActivityDetail>): ActivityDetail {
  return {
    activityId: id,
    planId: 'P',
    category: 'legal-education',
    format: 'lecture',
    title: id,
    window: { start: '2026-07-10T01:00:00.000Z', end: '2026-07-10T03:00:00.000Z' },
    timeZone: zone,
    status: 'planned',
    registeredCount: 0,
    waitlistedCount: 0,
    registrationsCancelled: 0,
    attendanceCount: 0,
    plannedAt: '2026-01-02T00:00:00.000Z',
    rescheduled: [],
    cancelled: null,
    held: null,
    ...over,
  };
}

function inputs(activities: ActivityDetail[], attendance: ReportInputs['attendance'] = []): ReportInputs {
  return {
    plan: { planId: 'P', title: 'Plan', communityName: 'Demo', timeZone: zone, locale: 'zh-CN' },
    period: periodBounds('2026-Q3', zone),
    next: periodBounds('2026-Q4', zone),
    asOf: '2026-10-01T00:00:00.000Z',
    ledger: { through: '2026-09-30T00:00:00.000Z', commits: 3, digest: 'f'.repeat(64) },
    activities,
    attendance,
    compliance: [],
    previousCompliance: [],
    residentNames: {},
    rounds: [],
    goodDeeds: [],
    sports: { instructors: [], overdueEquipment: [] },
  };
}

describe('the report model', () => {
  it('lists each activity held in the period with its record and its sign-ins in the period, in date order', () => {
    const held = (heldOn: string, extra: Partial<NonNullable<ActivityDetail['held']>> = {}) => ({
      status: 'held' as const,
      held: { heldOn, summary: `summary ${heldOn}`, heldWithinWindow: true, recordedAt: heldOn, ...extra },
    });
    const report = buildReport(
      inputs(
        [
          activity('late', {
            ...held('2026-09-20T02:00:00.000Z'),
            venue: 'Hall',
            lecturer: 'planned lecturer',
          }),
          activity('early', held('2026-07-10T02:00:00.000Z', { lecturer: 'Ms Wang', headcount: 30 })),
          activity('june', held('2026-06-20T02:00:00.000Z')),
          activity('not-held', {}),
        ],
        [
          { activityId: 'early', residentId: 'R1', at: '2026-07-10T01:05:00.000Z' },
          { activityId: 'early', residentId: 'R2', at: '2026-07-10T01:06:00.000Z' },
          { activityId: 'late', residentId: 'R1', at: '2026-09-20T01:30:00.000Z' },
        ],
      ),
    );
    expect(report.held.map((a) => [a.activityId, a.signIns, a.lecturer, a.venue, a.headcount])).toEqual([
      ['early', 2, 'Ms Wang', null, 30],
      ['late', 1, 'planned lecturer', 'Hall', null],
    ]);
    expect(report.held[0]!.summary).toBe('summary 2026-07-10T02:00:00.000Z');
    expect(report.ledger.digest).toBe('f'.repeat(64));
  });

  it('plans for the next period only what starts in it, not a year-long activity under way since January', () => {
    const report = buildReport(
      inputs([
        activity('all-year', {
          window: { start: '2025-12-31T16:00:00.000Z', end: '2026-12-31T15:59:59.000Z' },
        }),
        activity('october', {
          window: { start: '2026-10-08T01:00:00.000Z', end: '2026-10-08T03:00:00.000Z' },
        }),
      ]),
    );
    expect(report.nextPeriod.activities.map((a) => a.activityId)).toEqual(['october']);
  });
});
