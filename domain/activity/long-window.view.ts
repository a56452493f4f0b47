import * as z from 'zod';
import { Category, type DomainEvent } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, ListSlice, Projection, ViewDocument } from '../shared/projection.js';
import { StoredWindow } from '../shared/projection.js';
import { isLongWindow } from './activity-window.js';

/**
 * What the calendar needs to tell whether an activity is a long window reaching `from` and whether
 * the filters that never change keep it (plan, category, series), and its title to name it: only
 * what planning and rescheduling set. Its status is not kept (cancelling and holding would touch it
 * for nothing but that): the calendar filters the full entries it reads for these by status.
 */
export const LongWindowActivity = z.object({
  activityId: z.string(),
  planId: z.string(),
  planYear: z.number(),
  title: z.string(),
  category: Category,
  window: StoredWindow,
  seriesId: z.string().optional(),
});
export type LongWindowActivity = z.infer<typeof LongWindowActivity>;

export const longWindowKey = (community: string, activityId: string) => ({
  community,
  view: 'long-window-activity',
  id: [activityId],
});

/** The long windows of one plan year, by start then id: a few per year, read whole. */
export const longWindowsList = (community: string, planYear: number) => ({
  community,
  list: 'long-windows',
  of: String(planYear),
});

/** The long windows of a plan year starting at or before `to`. */
export const longWindowsStartingBy = (community: string, planYear: number, to: string): ListSlice => ({
  list: longWindowsList(community, planYear),
  to,
});

/** Listed in its plan year's list only while the window is long. */
const placed = (data: LongWindowActivity, context: EventContext): ViewDocument<LongWindowActivity> => ({
  data,
  ...(isLongWindow(data.window)
    ? {
        placement: {
          list: longWindowsList(context.community, data.planYear),
          order: [data.window.start, data.activityId],
        },
      }
    : {}),
});

/**
 * The calendar's second list: the activities whose window lasts longer than the calendar reads back
 * by start (`LONG_WINDOW_MS`), per plan year. Kept for every activity from its planning (a short
 * window rescheduled long joins the list, one rescheduled short leaves it), but touched only by the
 * events that change what it holds, planning and rescheduling: registrations, attendance, holding and
 * cancelling never read or write it. (A change of details sets only venue and lecturer.)
 */
export const longWindowActivities: Projection<DomainEvent, LongWindowActivity> = {
  name: 'activity-long-windows',
  schema: LongWindowActivity,
  touches(event, context) {
    switch (event.type) {
      case 'ActivityPlanned':
      case 'ActivityRescheduled':
        return [longWindowKey(context.community, entityIdOf(context.streamId))];
      default:
        return [];
    }
  },
  evolve(current, event, context): ViewDocument<LongWindowActivity> | null {
    if (event.type === 'ActivityPlanned') {
      const { activityId, planId, planYear, title, category, window, seriesId } = event.data;
      const stub = { activityId, planId, planYear, title, category, window };
      return placed(seriesId === undefined ? stub : { ...stub, seriesId }, context);
    }
    if (!current) return null;
    switch (event.type) {
      case 'ActivityRescheduled':
        return placed({ ...current.data, window: event.data.window }, context);
      default:
        return current;
    }
  },
};
