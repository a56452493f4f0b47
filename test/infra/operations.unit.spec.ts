import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.js';
import { runbook } from '../../infra/runbook.js';

interface AlarmProperties {
  readonly MetricName?: string;
  readonly Dimensions?: unknown;
  readonly AlarmDescription: string;
  readonly Metrics?: readonly {
    readonly MetricStat?: { readonly Metric?: { readonly MetricName?: string } };
  }[];
}
type Resources = Record<string, { Type: string; Properties: AlarmProperties }>;

/** What is left without an alarm: functions without an Errors alarm, queues without a depth alarm. */
function unwatched(api: Resources, data: Resources): string[] {
  const alarms = Object.values(api).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
  const watched = (metric: string, needle: string) =>
    alarms.some(
      (a) => a.Properties.MetricName === metric && JSON.stringify(a.Properties.Dimensions).includes(needle),
    );
  const missing: string[] = [];
  for (const [id, r] of Object.entries(api))
    if (r.Type === 'AWS::Lambda::Function' && !watched('Errors', `"${id}"`)) missing.push(`${id} errors`);
  for (const [id, r] of Object.entries(data))
    if (r.Type === 'AWS::Lambda::Function' && !watched('Errors', id.replace(/[0-9A-F]{8}$/, '')))
      missing.push(`${id} errors`);
  const deadLetterIds = Object.entries(api)
    .filter(([id, r]) => r.Type === 'AWS::SQS::Queue' && /DeadLetters|Failures/.test(id))
    .map(([id]) => id);
  for (const id of deadLetterIds)
    if (!watched('ApproximateNumberOfMessagesVisible', `"${id}"`)) missing.push(`${id} depth`);
  return missing;
}

describe("the operators' runbook and the alarms", () => {
  const runbookText = readFileSync('docs/operations.md', 'utf8');
  const synth = (context: Record<string, unknown>) => {
    const { stateful, stateless } = buildApp(
      new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } }),
    );
    return {
      api: Template.fromStack(stateless).toJSON().Resources as Resources,
      data: Template.fromStack(stateful).toJSON().Resources as Resources,
    };
  };
  const stages = { dev: synth({}), cn: synth({ stage: 'cn' }) };

  it('watches every function (the token-claims trigger too) and every dead-letter queue, on every stage', () => {
    for (const [stage, { api, data }] of Object.entries(stages))
      expect(unwatched(api, data), stage).toEqual([]);
    // The token-claims trigger lives in the Data stack; its alarms read its name from the handoff.
    const descriptions = Object.values(stages.dev.api)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties.AlarmDescription as string);
    expect(descriptions.some((d) => d.startsWith('TokenClaims failed'))).toBe(true);
  });

  it('fails when an alarm is missing', () => {
    const { api, data } = stages.dev;
    const without = Object.fromEntries(
      Object.entries(api).filter(
        ([id]) => !/^AlarmsMailerErrors/.test(id) && !/^AlarmsDeadLetters2/.test(id),
      ),
    );
    expect(unwatched(without, data).length).toBe(2);
  });

  it('names a runbook entry in every alarm, and the runbook has a section for each', () => {
    const used = new Set<string>();
    for (const { api } of Object.values(stages))
      for (const alarm of Object.values(api).filter((r) => r.Type === 'AWS::CloudWatch::Alarm')) {
        const entry = /Runbook: docs\/operations\.md#([a-z0-9-]+)/.exec(
          alarm.Properties.AlarmDescription,
        )?.[1];
        expect(entry, alarm.Properties.AlarmDescription).toBeDefined();
        used.add(entry!);
      }
    expect([...used].sort()).toEqual(Object.keys(runbook).sort());
    for (const entry of Object.keys(runbook)) expect(runbookText).toContain(`\n### ${entry}\n`);
  });

  it('alarms on table throttles, API 4xx and 5xx rates and p99 latency, and SES reputation where SES sends', () => {
    const metrics = (resources: Resources) =>
      Object.values(resources)
        .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
        .flatMap((a) => [
          a.Properties.MetricName,
          ...(a.Properties.Metrics ?? []).map((m) => m.MetricStat?.Metric?.MetricName),
        ])
        .filter(Boolean);
    const dev = metrics(stages.dev.api);
    for (const metric of [
      'ReadThrottleEvents',
      'WriteThrottleEvents',
      '5xx',
      '4xx',
      'Latency',
      'Reputation.BounceRate',
      'Reputation.ComplaintRate',
    ])
      expect(dev, metric).toContain(metric);
    expect(metrics(stages.cn.api)).not.toContain('Reputation.BounceRate');
  });
});
