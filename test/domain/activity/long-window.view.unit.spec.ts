import { describe, expect, it } from 'vitest';
import {
  type LongWindowActivity,
  longWindowActivities,
  longWindowKey,
  longWindowsList,
} from '../../../domain/activity/long-window.view.js';
import { project } from '../../support/decider-spec.js';

const A = 'c1#activity#A1';
const short = { start: '2026-03-10T01:00:00.000Z', end: '2026-03-10T03:00:00.000Z' };
const long = { start: '2026-01-05T00:00:00.000Z', end: '2026-04-30T15:59:59.999Z' };
const planned = (window: typeof short) => ({
  type: 'ActivityPlanned',
  data: {
    activityId: 'A1',
    planId: 'P1',
    planYear: 2026,
    timeZone: 'Asia/Shanghai',
    category: 'party-education',
    format: 'study-session',
    title: 'Winter reading course',
    window,
  },
});
const rescheduled = (from: typeof short, to: typeof short) => ({
  type: 'ActivityRescheduled',
  data: { previousWindow: from, window: to, reason: 'venue' },
});
const registered = { type: 'ResidentRegistered', data: { residentId: 'R1' } };

describe('activity-long-windows projection', () => {
  it("lists a long window in its plan year's list, holding what the calendar filters on, no counts", async () => {
    const views = await project(
      [
        [A, planned(long)],
        [A, registered],
      ],
      [longWindowActivities],
    );
    const item = await views.item<LongWindowActivity>(longWindowKey('c1', 'A1'));
    expect(item?.placement).toEqual({ list: longWindowsList('c1', 2026), order: [long.start, 'A1'] });
    expect(item?.data).toEqual({
      activityId: 'A1',
      planId: 'P1',
      planYear: 2026,
      title: 'Winter reading course',
      category: 'party-education',
      window: long,
    });
    // Planned at version 1; the registration (version 2) is not applied to it.
    expect(item?.appliedVersion).toBe(1);
  });

  it('is not touched by cancelling or holding (the calendar filters the entries by status): still listed', async () => {
    const views = await project(
      [
        [A, planned(long)],
        [A, { type: 'ActivityCancelled', data: { reason: 'storm' } }],
      ],
      [longWindowActivities],
    );
    const item = await views.item<LongWindowActivity>(longWindowKey('c1', 'A1'));
    expect(item?.appliedVersion).toBe(1);
    expect(item?.data).not.toHaveProperty('status');
    expect(item?.placement?.order).toEqual([long.start, 'A1']);
  });

  it('keeps a short window out of the list, and follows it when rescheduled long and short again', async () => {
    const shortOnly = await project([[A, planned(short)]], [longWindowActivities]);
    expect((await shortOnly.item(longWindowKey('c1', 'A1')))?.placement).toBeUndefined();
    const lengthened = await project(
      [
        [A, planned(short)],
        [A, registered],
        [A, rescheduled(short, long)],
      ],
      [longWindowActivities],
    );
    const item = await lengthened.item<LongWindowActivity>(longWindowKey('c1', 'A1'));
    expect(item?.placement?.order).toEqual([long.start, 'A1']);
    expect(item?.data.window).toEqual(long);
    const shortened = await project(
      [
        [A, planned(long)],
        [A, rescheduled(long, short)],
      ],
      [longWindowActivities],
    );
    expect((await shortened.item(longWindowKey('c1', 'A1')))?.placement).toBeUndefined();
  });
});
