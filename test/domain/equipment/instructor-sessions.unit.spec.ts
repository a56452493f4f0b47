import { describe, expect, it } from 'vitest';
import { daysOfPeriod } from '../../../domain/equipment/calendar.js';
import type { InstructorDetail, InstructorSession } from '../../../domain/equipment/equipment.view.js';
import { instructorSessionCounts } from '../../../domain/equipment/instructor-sessions.js';

const instructor = (instructorId: string, name: string): InstructorDetail => ({
  instructorId,
  name,
  specialty: 'fitness',
  registeredAt: '2026-01-02T02:00:00.000Z',
  sessionsTotal: 0,
});
const session = (
  sessionId: string,
  instructorId: string,
  heldDay: string,
  more: Partial<InstructorSession> = {},
) => ({
  sessionId,
  instructorId,
  heldOn: `${heldDay}T01:00:00.000Z`,
  heldDay,
  timeZone: 'Asia/Shanghai',
  topic: 'stretching',
  recordedAt: `${heldDay}T05:00:00.000Z`,
  ...more,
});

describe('instructor session counts for the leaders’ report', () => {
  const facts = {
    instructors: [
      instructor('I1', 'Coach Zhao'),
      instructor('I2', 'Coach Liu'),
      { ...instructor('I3', 'Coach Sun'), certifiedUntil: '2026-12-31' },
    ],
    sessions: [
      session('S1', 'I1', '2026-07-03', { activityId: 'A2', participants: 10 }),
      session('S2', 'I1', '2026-09-30', { activityId: 'A1', participants: 5 }),
      session('S3', 'I1', '2026-10-01'),
      session('S4', 'I2', '2026-06-30'),
      session('S5', 'I3', '2026-08-08', { activityId: 'A1' }),
    ],
  };

  it('counts each instructor’s sessions in the period, most first, and lists those who led none', () => {
    expect(instructorSessionCounts(facts, '2026-Q3')).toEqual([
      {
        instructorId: 'I1',
        name: 'Coach Zhao',
        specialty: 'fitness',
        sessions: 2,
        participants: 15,
        activityIds: ['A1', 'A2'],
      },
      {
        instructorId: 'I3',
        name: 'Coach Sun',
        specialty: 'fitness',
        certifiedUntil: '2026-12-31',
        sessions: 1,
        participants: 0,
        activityIds: ['A1'],
      },
      {
        instructorId: 'I2',
        name: 'Coach Liu',
        specialty: 'fitness',
        sessions: 0,
        participants: 0,
        activityIds: [],
      },
    ]);
    expect(instructorSessionCounts(facts, '2026-06').map((c) => [c.instructorId, c.sessions])).toEqual([
      ['I2', 1],
      ['I3', 0],
      ['I1', 0],
    ]);
    expect(instructorSessionCounts(facts, '2026').map((c) => c.sessions)).toEqual([3, 1, 1]);
  });

  it('as of an instant, counts only what was recorded by then', () => {
    const counts = instructorSessionCounts(facts, '2026-Q3', new Date('2026-08-01T00:00:00.000Z'));
    expect(counts.find((c) => c.instructorId === 'I1')?.sessions).toBe(1);
  });

  it('periods are ranges of days', () => {
    expect(daysOfPeriod('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-31' });
    expect(daysOfPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-31' });
    expect(daysOfPeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => daysOfPeriod('2026-13')).toThrow(RangeError);
  });
});
