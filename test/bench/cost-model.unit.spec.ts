import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { costModel, fixedLines, variableLines } from '../../bench/cost-model.js';
import { PRICE, PRICES } from '../../bench/prices.js';
import { SCALES } from '../../bench/scale.js';
import { COSTED, costedInventory, templateInventory } from '../../bench/stack-inventory.js';
import { FUNCTION_USAGE, type Measured, SEED_MONTH } from '../../bench/usage.js';
import { buildApp } from '../../infra/app.js';

type TemplateJson = Parameters<typeof templateInventory>[0][number];

/** Traffic of the order `npm run bench` measures (calls, units, local milliseconds). */
const measured: Measured = {
  enrolment: { calls: 6, writeUnits: 5, readUnits: 1, handlerMs: 8, streamMs: 6 },
  'check-in': { calls: 10, writeUnits: 8, readUnits: 4, handlerMs: 10, streamMs: 8 },
  held: { calls: 7, writeUnits: 6, readUnits: 3, handlerMs: 9, streamMs: 7 },
  'compliance query': { calls: 6, writeUnits: 0, readUnits: 6, handlerMs: 7, streamMs: 0 },
  'calendar query': { calls: 4, writeUnits: 0, readUnits: 4, handlerMs: 5, streamMs: 0 },
};
const total = (lines: readonly { usd: number }[]) => lines.reduce((n, l) => n + l.usd, 0);

describe('the cost model against the synthesized stage', () => {
  let templates: TemplateJson[];

  beforeAll(() => {
    const { app } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
    templates = app.synth().stacks.map((stack) => stack.template as TemplateJson);
  }, 120_000);

  it('prices every function, alarm (and the metrics it reads), key, table, queue, topic and schedule the templates have', () => {
    const inTemplates = templateInventory(templates);
    expect(inTemplates).toEqual(costedInventory());
    expect(inTemplates.alarms).toBe(34);
    expect(inTemplates.untracedOrX86).toEqual([]);
  });

  it('fails when an alarm is added to the stack without being costed', () => {
    const [first, ...rest] = structuredClone(templates) as [TemplateJson, ...TemplateJson[]];
    first.Resources = {
      ...first.Resources,
      NewAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'Errors' } },
    };
    expect(templateInventory([first, ...rest])).not.toEqual(costedInventory());
  });

  it('gives every function of the stack a usage line, and a Lambda line in the model', () => {
    const functions = Object.keys(templateInventory(templates).functions).sort();
    expect(Object.keys(FUNCTION_USAGE).sort()).toEqual(functions);
    const lambdaLines = variableLines(1, measured).filter((l) => l.item.startsWith('Lambda '));
    for (const name of functions)
      expect(lambdaLines.some((l) => l.item.startsWith(`Lambda ${name} `))).toBe(true);
  });

  it('prices the alarms per metric they read, and every rotated key', () => {
    const inTemplates = templateInventory(templates);
    const alarms = fixedLines().find((l) => l.item.startsWith('CloudWatch alarms'))!;
    expect(alarms.usd).toBeCloseTo(inTemplates.alarmMetrics * PRICE.alarmMetricMonth, 10);
    const keys = fixedLines().find((l) => l.item.startsWith('KMS: '))!;
    expect(keys.usd).toBe(inTemplates.kmsKeys * PRICE.kmsKeyMonth);
    expect(fixedLines().some((l) => l.item.startsWith('KMS rotation surcharge') && l.usd > 0)).toBe(true);
  });
});

describe('the cost model', () => {
  it('adds up: each total is the sum of its items, the stage total fixed plus variable', () => {
    for (const n of SCALES) {
      const model = costModel(n, measured);
      expect(model.fixedTotal).toBeCloseTo(total(model.fixed), 10);
      expect(model.variableTotal).toBeCloseTo(total(model.variable), 10);
      expect(model.total).toBeCloseTo(total(model.fixed) + total(model.variable), 10);
      const staff = model.variable.find((l) => l.item.startsWith('Cognito'))!;
      expect(model.residentsSignIn.total).toBeGreaterThan(model.total);
      expect(model.residentsSignIn.line.usd).toBeCloseTo(
        n * (SEED_MONTH.staffMau + SEED_MONTH.residents) * PRICE.cognitoEssentialsMau,
        10,
      );
      expect(staff.usd).toBeCloseTo(n * SEED_MONTH.staffMau * PRICE.cognitoEssentialsMau, 10);
    }
  });

  it('keeps the fixed costs apart: the same at 1 and at 10,000 communities', () => {
    expect(costModel(1, measured).fixed).toEqual(costModel(10_000, measured).fixed);
  });

  it("grows with the seed plan's rates at 10,000 communities (not 1M check-ins a day)", () => {
    const one = costModel(1, measured).variableTotal;
    const many = costModel(10_000, measured).variableTotal / 10_000;
    // Only the registry pages the schedules read grow faster than the communities.
    expect(many / one).toBeGreaterThan(0.99);
    expect(many / one).toBeLessThan(1.1);
    const events = costModel(10_000, measured).variable.find((l) => l.item.startsWith('EventBridge'))!;
    expect(events.usd).toBeLessThan(10_000 * 200 * PRICE.busCustomEvent * 2);
  });

  it('names a source page for every price, and prices the stage in USD at or above zero', () => {
    for (const [name, price] of Object.entries(PRICES)) {
      expect(price.source, name).toMatch(/^https:\/\//);
      expect(price.usd, name).toBeGreaterThanOrEqual(0);
    }
    expect(COSTED.kmsKeys).toBe(COSTED.rotatedKmsKeys);
  });
});
