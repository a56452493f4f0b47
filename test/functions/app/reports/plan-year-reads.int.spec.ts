import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planActivity, recordHeld } from '../../../../functions/app/activity/activities.commands.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { workLedgerOf } from '../../../../functions/app/reports/paper-records.queries.js';
import { buildPlanReport } from '../../../../functions/app/reports/reports.queries.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

const EARLIER = 12;

/**
 * A plan's report and year ledger read the community's calendar only through the plan's year
 * (issue 24: answers flat as years of history pile up): earlier years' activities are never read,
 * counted on the engine as the items its Queries of the calendar list scan.
 */
describe("a plan's report and year ledger, with earlier years in the calendar", () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  let counting = false;
  let calendarItemsRead = 0;

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    world = await useCaseWorld(engine, '2025-01-02T02:00:00.000Z', (call) => {
      const values = JSON.stringify(call.input.ExpressionAttributeValues ?? {});
      if (counting && call.action === 'Query' && values.includes(`"${COMMUNITY}#activities"`))
        calendarItemsRead += Number(call.output?.ScannedCount ?? 0);
    });
    const admin = world.acting(['admin'], 'A1');
    const plan = (planId: string, year: number) =>
      createPlan(world, admin, { planId, communityName: 'Riverside', year, title: planId, timeZone: 'UTC' });
    const heldActivity = async (activityId: string, planId: string, day: string) => {
      accepted(
        await planActivity(world, admin, {
          activityId,
          planId,
          category: 'festival',
          format: 'lecture',
          title: activityId,
          window: { start: day, end: day },
        }),
      );
      world.clock.set(`${day}T20:00:00.000Z`);
      accepted(await recordHeld(world, admin, { activityId, heldOn: day, summary: 'held' }));
    };
    accepted(await plan('P2025', 2025));
    for (let i = 0; i < EARLIER; i++) await heldActivity(`OLD${i}`, 'P2025', `2025-03-${10 + i}`);
    world.clock.set('2026-01-02T02:00:00.000Z');
    accepted(await plan('P2026', 2026));
    await heldActivity('A1', 'P2026', '2026-02-03');
    await heldActivity('A2', 'P2026', '2026-05-06');
    await world.project();
    world.clock.set('2026-11-10T12:00:00.000Z');
  });
  afterAll(async () => engine?.close());

  const read = async <T>(answer: () => Promise<T>) => {
    calendarItemsRead = 0;
    counting = true;
    try {
      return { answer: await answer(), calendarItemsRead };
    } finally {
      counting = false;
    }
  };

  it("the year ledger lists the plan's activities and reads none of an earlier year", async () => {
    const { answer, calendarItemsRead } = await read(() =>
      workLedgerOf(world, world.as(['admin']), { planId: 'P2026', year: 2026 }),
    );
    expect(answer.activities.map((a) => a.title)).toEqual(['A1', 'A2']);
    expect(calendarItemsRead).toBe(2);
  });

  it("the report counts the plan's activities and reads none of an earlier year", async () => {
    const { answer, calendarItemsRead } = await read(() =>
      buildPlanReport(world, COMMUNITY, 'P2026', '2026'),
    );
    expect(answer.held.map((a) => a.title)).toEqual(['A1', 'A2']);
    expect(calendarItemsRead).toBe(2);
  });

  it("an earlier plan's ledger still reads its own year", async () => {
    const { answer, calendarItemsRead } = await read(() =>
      workLedgerOf(world, world.as(['admin']), { planId: 'P2025', year: 2025 }),
    );
    expect(answer.activities).toHaveLength(EARLIER);
    expect(calendarItemsRead).toBe(EARLIER);
  });
});
