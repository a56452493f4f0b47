import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planActivity, recordHeld } from '../../../../functions/app/activity/activities.commands.js';
import { listActivities } from '../../../../functions/app/activity/calendar.queries.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { workLedgerOf } from '../../../../functions/app/reports/paper-records.queries.js';
import { buildPlanReport } from '../../../../functions/app/reports/reports.queries.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

const EARLIER = 12;

type Item = Record<string, unknown>;

/**
 * A plan's report and year ledger read only the plan's own activities (issue 24: answers flat as
 * years of history and other plans pile up). Counted on the engine: the view items read that belong
 * to another plan's activities, plus those a Query read and its filter threw away.
 */
describe("a plan's report and year ledger, with another year's plan in the calendar", () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  let other: RegExp | undefined;
  let readElsewhere = 0;
  const onViews = (table: unknown) => String(table).startsWith('Views-');
  // The projector's markers name every stream: the wait for views is another read (issue 24 item 1).
  const ofOther = (item: Item) => {
    const pk = item.pk as string | { S?: string } | undefined;
    const partition = typeof pk === 'object' ? pk.S : pk;
    return !String(partition).endsWith('#$projected') && other!.test(JSON.stringify(item));
  };

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    world = await useCaseWorld(engine, '2025-01-02T02:00:00.000Z', ({ input, output }) => {
      if (!other || !output) return;
      const { Items, Item, Responses, ScannedCount, Count } = output as Record<string, unknown>;
      if (onViews(input.TableName)) {
        const items = [...((Items as Item[]) ?? []), ...(Item ? [Item as Item] : [])];
        readElsewhere += items.filter(ofOther).length;
        if (input.FilterExpression) readElsewhere += Number(ScannedCount ?? 0) - Number(Count ?? 0);
      }
      for (const [table, items] of Object.entries((Responses ?? {}) as Record<string, Item[]>))
        if (onViews(table)) readElsewhere += items.filter(ofOther).length;
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
    await heldActivity('NEW1', 'P2026', '2026-02-03');
    await heldActivity('NEW2', 'P2026', '2026-05-06');
    await world.project();
    world.clock.set('2026-11-10T12:00:00.000Z');
  });
  afterAll(async () => engine?.close());

  const read = async <T>(otherPlan: RegExp, answer: () => Promise<T>) => {
    readElsewhere = 0;
    other = otherPlan;
    try {
      return { answer: await answer(), readElsewhere };
    } finally {
      other = undefined;
    }
  };

  it("the year ledger lists the plan's activities and reads nothing of the earlier plan", async () => {
    const { answer, readElsewhere } = await read(/OLD\d+/, () =>
      workLedgerOf(world, world.as(['admin']), { planId: 'P2026', year: 2026 }),
    );
    expect(answer.activities.map((a) => a.title)).toEqual(['NEW1', 'NEW2']);
    expect(readElsewhere).toBe(0);
  });

  it("the report counts the plan's activities and reads nothing of the earlier plan", async () => {
    const { answer, readElsewhere } = await read(/OLD\d+/, () =>
      buildPlanReport(world, COMMUNITY, 'P2026', '2026'),
    );
    expect(answer.held.map((a) => a.title)).toEqual(['NEW1', 'NEW2']);
    expect(readElsewhere).toBe(0);
  });

  it("an earlier plan's ledger lists its year and reads nothing of the later plan", async () => {
    const { answer, readElsewhere } = await read(/NEW[12]/, () =>
      workLedgerOf(world, world.as(['admin']), { planId: 'P2025', year: 2025 }),
    );
    expect(answer.activities).toHaveLength(EARLIER);
    expect(readElsewhere).toBe(0);
  });

  // The calendar lists by start; it reads from the start of the year its `from` falls in, never
  // through the years before (the same world: one earlier plan's year in the list).
  it("the calendar of a month reads nothing of an earlier year's activities", async () => {
    const { answer, readElsewhere } = await read(/OLD\d+/, () =>
      listActivities(world, world.as(['admin']), { from: '2026-02-01', to: '2026-06-30', limit: 50 }),
    );
    expect(answer.items.map((a) => a.title)).toEqual(['NEW1', 'NEW2']);
    expect(readElsewhere).toBe(0);
  });
});
