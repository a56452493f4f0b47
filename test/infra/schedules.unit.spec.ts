import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { periodsDueAt, reportsDueAt } from '../../domain/reports/period-selection.js';
import { localTime } from '../../domain/shared/time.js';
import { buildApp } from '../../infra/app.js';
import { cronFirings } from '../support/aws-cron.js';

/** Whole-, half- and quarter-hour zones from UTC−12 to UTC+14, with and without daylight saving. */
const zones = [
  'Etc/GMT+12', // UTC−12
  'Pacific/Pago_Pago', // UTC−11
  'Pacific/Marquesas', // UTC−9:30
  'America/Los_Angeles',
  'America/St_Johns', // UTC−3:30, DST
  'Europe/London',
  'Asia/Kolkata', // UTC+5:30
  'Asia/Kathmandu', // UTC+5:45
  'Asia/Shanghai',
  'Australia/Adelaide', // UTC+9:30, DST
  'Australia/Lord_Howe', // UTC+10:30, half-hour DST
  'Pacific/Chatham', // UTC+12:45, DST
  'Pacific/Kiritimati', // UTC+14
];

const from = new Date('2026-12-30T00:00:00Z');
const to = new Date('2028-01-02T23:59:00Z');

/** For each zone, the runs at which a plan there is due its reports, over a whole year (and both ends). */
function dueRuns(expressions: readonly string[]) {
  const runs = expressions.flatMap((e) => cronFirings(e, from, to)).sort((a, b) => a.getTime() - b.getTime());
  return Object.fromEntries(
    zones.map((zone) => [
      zone,
      runs.flatMap((run) => reportsDueAt(run, zone).map((period) => ({ run, period }))),
    ]),
  );
}

/** Every month of 2027 reported once per zone, at a run in the hour from 08:00 on the 1st, local. */
function missed(expressions: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [zone, due] of Object.entries(dueRuns(expressions))) {
    for (let month = 1; month <= 12; month++) {
      const first = new Date(Date.UTC(2027, month - 1, 1, 12));
      const expected = periodsDueAt(new Date(first.getTime()), 'UTC');
      for (const period of expected) {
        const runs = due.filter((d) => d.period === period);
        const local = runs.map((r) => localTime(r.run, zone));
        if (runs.length !== 1 || local[0]!.day !== 1 || local[0]!.hour !== 8)
          problems.push(`${zone} ${period}: ${runs.map((r) => r.run.toISOString()).join(', ') || 'never'}`);
      }
    }
  }
  return problems;
}

describe('the report schedules reach every zone', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const { stateless } = buildApp(app);
  const expressions = Object.values(Template.fromStack(stateless).findResources('AWS::Scheduler::Schedule'))
    .filter((s) => JSON.parse(s.Properties.Target.Input).work === 'reports')
    .map((s) => {
      expect(s.Properties.ScheduleExpressionTimezone).toBe('UTC');
      return s.Properties.ScheduleExpression as string;
    });

  it('gives a plan in any zone each month, quarter and year once, at the first run from 08:00 on the 1st, at most an hour late', () => {
    expect(expressions.length).toBeGreaterThan(0);
    expect(missed(expressions)).toEqual([]);
    // Quarters and the year ride on the same runs: Q4 2027 and 2027 are due on 1 January 2028.
    for (const [zone, due] of Object.entries(dueRuns(expressions))) {
      expect(due.filter((d) => d.period === '2027-Q4').length, zone).toBe(1);
      expect(due.filter((d) => d.period === '2027').length, zone).toBe(1);
    }
  });

  it('fails for a schedule that misses a zone (only the 1st in UTC misses UTC+14; 08:00 in the stage zone misses the west)', () => {
    expect(missed(['cron(0 * 1 * ? *)']).some((p) => p.startsWith('Pacific/Kiritimati'))).toBe(true);
    expect(missed(['cron(0 0 1 * ? *)']).some((p) => p.startsWith('America/Los_Angeles'))).toBe(true);
  });
});
