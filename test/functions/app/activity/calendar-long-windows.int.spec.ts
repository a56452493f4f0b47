import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longWindowsList } from '../../../../domain/activity/long-window.view.js';
import { planActivity, rescheduleActivity } from '../../../../functions/app/activity/activities.commands.js';
import { type CalendarInput, listActivities } from '../../../../functions/app/activity/calendar.queries.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, COMMUNITY, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

const EARLIER = 12;

type Item = Record<string, unknown>;

/**
 * A year's calendar from 1 January reads the list by start only a month back, not the whole year
 * before (issue 24 item 3); a window lasting longer that still reaches `from` comes from its plan
 * year's list of long windows, first and once. Counted on the engine: the view items read that are
 * the earlier year's short activities, plus those a Query read and its filter threw away.
 */
describe('the calendar, with a year of earlier activities and windows longer than a month', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  let counting = false;
  let readOfOld = 0;
  const onViews = (table: unknown) => String(table).startsWith('Views-');
  const isOld = (item: Item) => {
    const pk = item.pk as string | { S?: string } | undefined;
    const partition = typeof pk === 'object' ? pk.S : pk;
    return !String(partition).endsWith('#$projected') && /OLD\d+/.test(JSON.stringify(item));
  };

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    world = await useCaseWorld(engine, '2025-01-02T02:00:00.000Z', ({ input, output }) => {
      if (!counting || !output || !onViews(input.TableName)) return;
      const { Items, ScannedCount, Count } = output as Record<string, unknown>;
      readOfOld += ((Items as Item[]) ?? []).filter(isOld).length;
      if (input.FilterExpression) readOfOld += Number(ScannedCount ?? 0) - Number(Count ?? 0);
    });
    const admin = world.acting(['admin'], 'A1');
    const plan = (planId: string, year: number, timeZone: string) =>
      createPlan(world, admin, { planId, communityName: 'Riverside', year, title: planId, timeZone });
    const activity = async (activityId: string, planId: string, start: string, end = start) =>
      accepted(
        await planActivity(world, admin, {
          activityId,
          planId,
          category: 'festival',
          format: 'lecture',
          title: activityId,
          window: { start, end },
        }),
      );
    // Los Angeles is behind Shanghai: its 31 December ends on Shanghai's 1 January.
    accepted(await plan('P2025', 2025, 'America/Los_Angeles'));
    for (let i = 0; i < EARLIER; i++) await activity(`OLD${i}`, 'P2025', `2025-03-${10 + i}`);
    await activity('LATE', 'P2025', '2025-10-01', '2025-12-31');
    world.clock.set('2026-01-02T02:00:00.000Z');
    accepted(await plan('P2026', 2026, 'Asia/Shanghai'));
    await activity('SPAN', 'P2026', '2026-01-05', '2026-04-30');
    await activity('NEW1', 'P2026', '2026-02-03');
    await activity('SHORTENED', 'P2026', '2026-01-10', '2026-03-31');
    accepted(
      await rescheduleActivity(world, admin, {
        activityId: 'SHORTENED',
        reason: 'one weekend only',
        window: { start: '2026-03-20', end: '2026-03-21' },
      }),
    );
    await activity('NEW2', 'P2026', '2026-05-06');
    await world.project();
  });
  afterAll(async () => engine?.close());

  const calendar = async (input: Omit<CalendarInput, 'limit'>, limit = 50) => {
    const titles: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listActivities(world, world.as(['admin']), { ...input, limit, cursor });
      titles.push(...page.items.map((a) => a.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    return titles;
  };

  it("a year's calendar from 1 January reads none of the earlier year's short activities", async () => {
    readOfOld = 0;
    counting = true;
    try {
      const titles = await calendar({ from: '2026-01-01', to: '2026-12-31' });
      expect(titles).toEqual(['LATE', 'SPAN', 'NEW1', 'SHORTENED', 'NEW2']);
      expect(readOfOld).toBe(0);
    } finally {
      counting = false;
    }
  });

  it('a window begun two months before `from` comes first, once across pages', async () => {
    expect(await calendar({ from: '2026-03-01', to: '2026-03-31' }, 1)).toEqual(['SPAN', 'SHORTENED']);
    expect(await calendar({ from: '2026-01-01', to: '2026-12-31' }, 2)).toEqual([
      'LATE',
      'SPAN',
      'NEW1',
      'SHORTENED',
      'NEW2',
    ]);
  });

  it('filters the long windows as the rest', async () => {
    expect(await calendar({ from: '2026-01-01', to: '2026-12-31', planId: 'P2026' })).toEqual([
      'SPAN',
      'NEW1',
      'SHORTENED',
      'NEW2',
    ]);
    expect(await calendar({ from: '2026-03-01', to: '2026-03-31', status: 'cancelled' })).toEqual([]);
    expect(await calendar({ from: '2026-03-01', to: '2026-03-31', category: 'festival' })).toEqual([
      'SPAN',
      'SHORTENED',
    ]);
  });

  it('a long window read through its list is the very entry the list by start gives', async () => {
    const entry = async (from: string) =>
      (await listActivities(world, world.as(['admin']), { from, to: '2026-03-31', limit: 50 })).items.find(
        (a) => a.activityId === 'SPAN',
      );
    const viaLongList = await entry('2026-03-01');
    expect(viaLongList).toEqual(await entry('2026-01-01'));
    expect(viaLongList).toMatchObject({ registeredCount: 0, attendanceCount: 0, version: 1 });
  });

  it('a window rescheduled short leaves its year’s list of long windows', async () => {
    const listed = async (year: number) =>
      (
        await world.views.list<{ title: string }>({ list: longWindowsList(COMMUNITY, year), limit: 50 })
      ).items.map((i) => i.data.title);
    expect(await listed(2026)).toEqual(['SPAN']);
    expect(await listed(2025)).toEqual(['LATE']);
  });
});
