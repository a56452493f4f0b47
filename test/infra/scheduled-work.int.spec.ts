import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../../domain/shared/time.js';
import { buildApp } from '../../infra/app.js';
import type { ScheduledRun } from '../../infra/local/scheduled-runs.js';
import { workQueues } from '../../infra/scheduled-work.js';
import { startApi, type TestApi } from '../support/api.js';
import { cronFirings } from '../support/aws-cron.js';
import { ManualClock } from '../support/clock.js';

// 120 in the suite (two registry pages of 100); SCHEDULED_WORK_COMMUNITIES=1000 took 208 s here.
const COMMUNITIES = Number(process.env.SCHEDULED_WORK_COMMUNITIES ?? 120);
const zones = [
  'Pacific/Kiritimati',
  'Asia/Kathmandu',
  'Asia/Shanghai',
  'Europe/London',
  'America/St_Johns',
  'Etc/GMT+12',
];

/** The template's SQS event source mappings: queue → the function (by LEDGER_FUNCTION) it feeds, and how. */
function mappingsOf(template: Template) {
  const functions = template.findResources('AWS::Lambda::Function');
  const queues = template.findResources('AWS::SQS::Queue');
  return Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))
    .filter((m) => JSON.stringify(m.Properties.EventSourceArn).includes('Units'))
    .map((m) => {
      const queueId = m.Properties.EventSourceArn['Fn::GetAtt'][0] as string;
      const fnId = m.Properties.FunctionName.Ref as string;
      return {
        queue: queueId.replace(/Units[0-9A-F]{8}$/, '').toLowerCase(),
        consumer: functions[fnId]!.Properties.Environment.Variables.LEDGER_FUNCTION,
        batchSize: m.Properties.BatchSize,
        maxConcurrency: m.Properties.ScalingConfig.MaximumConcurrency,
        maxReceiveCount: queues[queueId]!.Properties.RedrivePolicy.maxReceiveCount,
      };
    })
    .sort((a, b) => a.queue.localeCompare(b.queue));
}

describe('scheduled work: the template’s queues and workers, run locally for many communities', () => {
  const clock = new ManualClock('2026-07-20T02:00:00Z');
  let api: TestApi;
  let expressions: string[];
  const planZone = new Map<string, string>();

  beforeAll(async () => {
    const { stateless } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
    const template = Template.fromStack(stateless);
    expect(mappingsOf(template)).toEqual(
      Object.entries(workQueues)
        .map(([queue, w]) => ({ queue, ...w }))
        .sort((a, b) => a.queue.localeCompare(b.queue)),
    );
    expressions = Object.values(template.findResources('AWS::Scheduler::Schedule'))
      .filter((s) => JSON.parse(s.Properties.Target.Input).work === 'reports')
      .map((s) => s.Properties.ScheduleExpression);
    api = await startApi({ clock });
    for (let i = 0; i < COMMUNITIES; i++) {
      const admin = await api.token('admin', { community: `c${String(i).padStart(4, '0')}` });
      const post = (path: string, body: unknown) =>
        api.call<{ id: string }>('POST', path, { token: admin, body });
      const timeZone = zones[i % zones.length]!;
      const planId = (await post('/plans', { communityName: `C${i}`, year: 2026, title: 'Plan', timeZone }))
        .body.id;
      await post(`/plans/${planId}/organizing-group`, {
        leader: { name: 'Leader', email: `leader${i}@venus-community.cn` },
        deputies: [],
        members: [],
      });
      planZone.set(planId, timeZone);
    }
    await api.runtime.dispatcher.idle();
  }, 600_000);
  afterAll(() => api?.close());

  /** Every hourly run the template's schedules make around a month's 1st, through the local queues. */
  async function runBoundary(first: string): Promise<{ run: Date; result: ScheduledRun }[]> {
    const day = new Date(`${first}T00:00:00Z`);
    const runs = expressions
      .flatMap((e) =>
        cronFirings(e, new Date(day.getTime() - 2 * 86_400_000), new Date(day.getTime() + 2 * 86_400_000)),
      )
      .sort((a, b) => a.getTime() - b.getTime());
    const out: { run: Date; result: ScheduledRun }[] = [];
    for (const run of runs) {
      const { results } = await api.runtime.scheduledReports({ time: run.toISOString() });
      out.push(...results.map((result) => ({ run, result })));
    }
    return out;
  }

  it(`sends each of ${COMMUNITIES} communities' reports once for a month and a quarter boundary, at 08:00-09:00 on the 1st in its zone`, async () => {
    const august = await runBoundary('2026-08-01');
    const october = await runBoundary('2026-10-01');
    const all = [...august, ...october];
    expect(all.filter((r) => r.result.outcome !== 'sent')).toEqual([]);
    const byPlanAndPeriod = new Map<string, number>();
    for (const { run, result } of all) {
      const key = `${result.planId} ${result.period}`;
      byPlanAndPeriod.set(key, (byPlanAndPeriod.get(key) ?? 0) + 1);
      const local = localTime(run, planZone.get(result.planId)!);
      expect([local.day, local.hour], key).toEqual([1, 8]);
    }
    expect(byPlanAndPeriod.size).toBe(COMMUNITIES * 3);
    expect([...byPlanAndPeriod.values()].every((n) => n === 1)).toBe(true);
    expect(api.runtime.workQueues.deadLetters).toEqual([]);
  }, 600_000);
});
