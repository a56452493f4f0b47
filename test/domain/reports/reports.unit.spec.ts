import { describe, expect, it } from 'vitest';
import { periodsDueAt } from '../../../domain/reports/period-selection.js';
import { reportDeliveryDecider } from '../../../domain/reports/report-delivery.decider.js';
import { given } from '../../support/decider-spec.js';

const sh = (local: string) => new Date(`${local}+08:00`);

describe('which periods a scheduled run reports (plan time zone)', () => {
  it('on 1 July at 08:00 Shanghai: June and Q2', () => {
    expect(periodsDueAt(sh('2026-07-01T08:00:00'), 'Asia/Shanghai')).toEqual(['2026-06', '2026-Q2']);
  });
  it('on 1 August: only July', () => {
    expect(periodsDueAt(sh('2026-08-01T08:00:00'), 'Asia/Shanghai')).toEqual(['2026-07']);
  });
  it('on 1 January: December, Q4 and the year', () => {
    expect(periodsDueAt(sh('2027-01-01T08:00:00'), 'Asia/Shanghai')).toEqual(['2026-12', '2026-Q4', '2026']);
  });
  it('counts the day in the plan’s zone: 1 July 00:30 in Shanghai is still 30 June in UTC', () => {
    expect(periodsDueAt(new Date('2026-06-30T16:30:00Z'), 'Asia/Shanghai')).toEqual(['2026-06', '2026-Q2']);
    expect(periodsDueAt(new Date('2026-06-30T16:30:00Z'), 'UTC')).toEqual([]);
    expect(periodsDueAt(sh('2026-07-02T08:00:00'), 'Asia/Shanghai')).toEqual([]);
  });
});

describe('report delivery decider', () => {
  const people = (ids: string[]) => ids.map((personId) => ({ personId }));
  const claim = (ids: string[]) => ({
    type: 'ClaimDelivery' as const,
    planId: 'P',
    period: '2026-Q2',
    recipients: people(ids),
    asOf: '2026-06-30T15:59:59.999Z',
    trigger: 'schedule' as const,
  });
  const sent = (ids: string[]) => ({
    type: 'ReportSent' as const,
    data: {
      planId: 'P',
      period: '2026-Q2',
      recipients: people(ids),
      asOf: '2026-06-30T15:59:59.999Z',
      trigger: 'schedule' as const,
    },
  });
  it('sends once per recipient: a retry sends nothing, a new deputy gets theirs', () => {
    given(reportDeliveryDecider, [])
      .when(claim(['A', 'B']))
      .then([sent(['A', 'B'])]);
    given(reportDeliveryDecider, [sent(['A', 'B'])])
      .when(claim(['A', 'B']))
      .then([]);
    given(reportDeliveryDecider, [sent(['A'])])
      .when(claim(['A', 'C']))
      .then([sent(['C'])]);
  });
  it('refuses a plan with no leader email, and lets a failed delivery be sent again', () => {
    given(reportDeliveryDecider, []).when(claim([])).then({ code: 'no-recipients', category: 'conflict' });
    given(reportDeliveryDecider, [
      sent(['A']),
      { type: 'ReportDeliveryFailed', data: { recipients: people(['A']), reason: 'throttled' } },
    ])
      .when(claim(['A']))
      .then([sent(['A'])]);
  });
});
