import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planActivity, rescheduleActivity } from '../../../../functions/app/activity/activities.commands.js';
import { type CalendarInput, listActivities } from '../../../../functions/app/activity/calendar.queries.js';
import { createPlan } from '../../../../functions/app/plan/plans.commands.js';
import { startEngine, type TestEngine } from '../../../support/engines.js';
import { accepted, type UseCaseWorld, useCaseWorld } from '../../../support/use-case-spec.js';

/**
 * API.md: lists take `?limit=` and answer `{ items, nextCursor }`. The calendar's first pages also
 * hold the long windows reaching `from` from before (read from their own small list): a page still
 * holds at most `limit` entries, and walking the cursors gives every entry once, in order by start.
 */
describe('calendar pages hold at most `limit`, long windows included', () => {
  let engine: TestEngine;
  let world: UseCaseWorld;
  const LONG = ['L1', 'L2', 'L3'];
  const SHORT = ['S1', 'S2', 'S3', 'S4'];

  beforeAll(async () => {
    engine = await startEngine('dynalite');
    world = await useCaseWorld(engine, '2026-01-02T02:00:00.000Z');
    const admin = world.acting(['admin'], 'A1');
    accepted(
      await createPlan(world, admin, {
        planId: 'P',
        communityName: 'Riverside',
        year: 2026,
        title: 'P',
        timeZone: 'Asia/Shanghai',
      }),
    );
    const activity = async (activityId: string, start: string, end: string) =>
      accepted(
        await planActivity(world, admin, {
          activityId,
          planId: 'P',
          category: 'festival',
          format: 'lecture',
          title: activityId,
          window: { start, end },
        }),
      );
    // Long windows begun in January, still open in March; short ones within March.
    for (const [i, id] of LONG.entries()) await activity(id, `2026-01-0${i + 3}`, '2026-06-30');
    for (const [i, id] of SHORT.entries()) await activity(id, `2026-03-1${i}`, `2026-03-1${i}`);
    await world.project();
  });
  afterAll(async () => engine?.close());

  const walk = async (input: Omit<CalendarInput, 'limit'>, limit: number) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listActivities(world, world.as(['admin']), { ...input, limit, cursor });
      pages.push(page.items.map((a) => a.title));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  };

  it.each([1, 2, 3, 4, 5, 7, 8])(
    'limit %i: every page within it, every entry once, by start',
    async (limit) => {
      for (const input of [
        { from: '2026-03-01', to: '2026-03-31' },
        { from: '2026-03-01', planId: 'P' },
      ]) {
        const pages = await walk(input, limit);
        for (const page of pages) expect(page.length, JSON.stringify(pages)).toBeLessThanOrEqual(limit);
        expect(pages.flat()).toEqual([...LONG, ...SHORT]);
      }
    },
  );

  it('a damaged page cursor is refused as any cursor is', async () => {
    const first = await listActivities(world, world.as(['admin']), { from: '2026-03-01', limit: 1 });
    const tampered = `${first.nextCursor!.slice(0, -2)}!!`;
    await expect(
      listActivities(world, world.as(['admin']), { from: '2026-03-01', limit: 1, cursor: tampered }),
    ).rejects.toThrow(/cursor/);
    await expect(
      listActivities(world, world.as(['admin']), {
        from: '2026-03-01',
        limit: 1,
        cursor: 'head.WzEwMDAwLDBd',
      }),
    ).rejects.toThrow(/cursor/);
  });
  it('pages resume after the last entry shown: a window moved away between pages moves no other', async () => {
    const admin = world.acting(['admin'], 'A1');
    const page = (cursor?: string) =>
      listActivities(world, world.as(['admin']), { from: '2026-03-01', to: '2026-03-31', limit: 2, cursor });
    const first = await page();
    expect(first.items.map((a) => a.title)).toEqual(['L1', 'L2']);
    // L1, already shown, moves to April: the next page must still begin with L3.
    accepted(
      await rescheduleActivity(world, admin, {
        activityId: 'L1',
        reason: 'moved',
        window: { start: '2026-04-20', end: '2026-04-21' },
      }),
    );
    await world.project();
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page(cursor);
      rest.push(...next.items.map((a) => a.title));
      cursor = next.nextCursor;
    }
    expect(rest).toEqual(['L3', ...SHORT]);
  });
});
