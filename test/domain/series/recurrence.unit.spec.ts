import { describe, expect, it } from 'vitest';
import { durationOf, expandRecurrence, timingOf } from '../../../domain/series/recurrence.js';
import { isDomainError } from '../../../domain/shared/errors.js';
import type { SeriesRecurrence } from '../../../events/index.js';

const shanghai = { year: 2026, timeZone: 'Asia/Shanghai' };
const rule = (rrule: string, start: string, more: Partial<SeriesRecurrence> = {}): SeriesRecurrence => ({
  rrule,
  start,
  durationMinutes: 90,
  ...more,
});
const dates = (recurrence: SeriesRecurrence, plan = shanghai) => {
  const expanded = expandRecurrence(recurrence, plan);
  if (isDomainError(expanded)) throw new Error(`${expanded.code}: ${expanded.detail}`);
  return expanded.map((o) => o.date);
};
const refusal = (recurrence: SeriesRecurrence, plan = shanghai) => {
  const expanded = expandRecurrence(recurrence, plan);
  return isDomainError(expanded) ? expanded.code : 'expanded';
};

describe('expanding a series rule in the plan’s time zone', () => {
  it('monthly on the 31st at 19:00 Shanghai: months without a 31st are skipped; 19:00 local is 11:00 UTC', () => {
    const expanded = expandRecurrence(rule('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31T19:00'), shanghai);
    if (isDomainError(expanded)) throw new Error(expanded.code);
    expect(expanded.map((o) => o.date)).toEqual([
      '2026-01-31',
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
      '2026-08-31',
      '2026-10-31',
      '2026-12-31',
    ]);
    expect(expanded[0]!.window).toEqual({
      start: '2026-01-31T11:00:00.000Z',
      end: '2026-01-31T12:30:00.000Z',
    });
  });

  it('the 30th skips only February; the 29th is in February of a leap year and not otherwise', () => {
    expect(dates(rule('FREQ=MONTHLY;BYMONTHDAY=30', '2026-01-30T19:00'))).toHaveLength(11);
    expect(dates(rule('FREQ=MONTHLY;BYMONTHDAY=30', '2026-01-30T19:00'))).not.toContain('2026-02-28');
    expect(
      dates(rule('FREQ=MONTHLY;BYMONTHDAY=29;COUNT=3', '2028-01-29T19:00'), { ...shanghai, year: 2028 }),
    ).toEqual(['2028-01-29', '2028-02-29', '2028-03-29']);
    expect(dates(rule('FREQ=MONTHLY;BYMONTHDAY=29;COUNT=3', '2026-01-29T19:00'))).toEqual([
      '2026-01-29',
      '2026-03-29',
      '2026-04-29',
    ]);
    expect(
      dates(rule('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3', '2028-01-31T19:00'), { ...shanghai, year: 2028 }),
    ).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  it('monthly on the second Tuesday, every other month', () => {
    expect(dates(rule('FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU', '2026-01-01T19:00'))).toEqual([
      '2026-01-13',
      '2026-03-10',
      '2026-05-12',
      '2026-07-14',
      '2026-09-08',
      '2026-11-10',
    ]);
  });

  it('weekly on Saturday and Sunday, with exceptions removed after COUNT (RFC 5545)', () => {
    expect(
      dates(rule('FREQ=WEEKLY;BYDAY=SA,SU;COUNT=4', '2026-05-01T09:00', { exceptions: ['2026-05-03'] })),
    ).toEqual(['2026-05-02', '2026-05-09', '2026-05-10']);
    expect(dates(rule('FREQ=WEEKLY;BYDAY=TU', '2026-12-01T09:00', { until: '2026-12-15' }))).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
    ]);
    expect(dates(rule('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215', '2026-12-01T09:00'))).toHaveLength(3);
    // Without UNTIL or COUNT the series ends with the plan's year.
    expect(dates(rule('FREQ=WEEKLY;BYDAY=TU', '2026-12-01T09:00'))).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
      '2026-12-29',
    ]);
  });

  it('keeps wall-clock time across a daylight-saving change (New York, March)', () => {
    const expanded = expandRecurrence(rule('FREQ=WEEKLY;BYDAY=SA;COUNT=2', '2026-03-07T09:00'), {
      year: 2026,
      timeZone: 'America/New_York',
    });
    if (isDomainError(expanded)) throw new Error(expanded.code);
    expect(expanded.map((o) => o.window.start)).toEqual([
      '2026-03-07T14:00:00.000Z',
      '2026-03-14T13:00:00.000Z',
    ]);
    expect(expanded.map((o) => timingOf(o.window, 'America/New_York').time)).toEqual(['09:00', '09:00']);
  });

  it('refuses what leaves the plan’s year, the cap, and rules outside the subset', () => {
    expect(refusal(rule('FREQ=MONTHLY;BYMONTHDAY=31;COUNT=8', '2026-01-31T19:00'))).toBe(
      'series-outside-plan-year',
    );
    expect(refusal(rule('FREQ=WEEKLY;BYDAY=MO', '2026-12-01T09:00', { until: '2027-01-10' }))).toBe(
      'series-outside-plan-year',
    );
    expect(refusal(rule('FREQ=WEEKLY;BYDAY=MO', '2025-12-01T09:00'))).toBe('series-outside-plan-year');
    expect(refusal(rule('FREQ=WEEKLY;BYDAY=TH', '2026-12-31T23:00'))).toBe('series-outside-plan-year');
    expect(refusal(rule('FREQ=WEEKLY;BYDAY=MO;COUNT=400', '2026-01-01T09:00'))).toBe('too-many-occurrences');
    expect(refusal(rule('FREQ=DAILY', '2026-01-01T09:00'))).toBe('unsupported-recurrence');
    expect(refusal(rule('FREQ=MONTHLY;BYSETPOS=1;BYDAY=MO', '2026-01-01T09:00'))).toBe(
      'unsupported-recurrence',
    );
    expect(refusal(rule('FREQ=WEEKLY;BYDAY=2TU', '2026-01-01T09:00'))).toBe('unsupported-recurrence');
    expect(refusal(rule('FREQ=WEEKLY;BYDAY=MO;COUNT=2', '2026-01-01T09:00', { until: '2026-02-01' }))).toBe(
      'invalid-recurrence',
    );
    expect(refusal(rule('FREQ=WEEKLY;BYDAY=MO', '2026-01-01T09:00', { exceptions: ['2026-01-06'] }))).toBe(
      'exception-not-an-occurrence',
    );
    expect(
      refusal(rule('FREQ=WEEKLY;BYDAY=MO;COUNT=1', '2026-01-01T09:00', { exceptions: ['2026-01-05'] })),
    ).toBe('series-has-no-occurrences');
  });

  it('a duration is given or follows from the end time (past midnight, the next day)', () => {
    expect(durationOf('2026-01-31T19:00', { durationMinutes: 45 })).toBe(45);
    expect(durationOf('2026-01-31T19:00', { endTime: '20:30' })).toBe(90);
    expect(durationOf('2026-01-31T23:00', { endTime: '01:00' })).toBe(120);
    expect(isDomainError(durationOf('2026-01-31T19:00', {}))).toBe(true);
  });
});
