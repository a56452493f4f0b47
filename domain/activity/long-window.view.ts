import * as z from 'zod';
import { Category, type DomainEvent } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, ListSlice, Projection, ViewDocument } from '../shared/projection.js';
import { StoredWindow } from '../shared/projection.js';
import { ActivityStatus } from './activity.view.js';
import { isLongWindow } from './activity-window.js';

/**
 * What the calendar needs to tell whether an activity is a long window reaching `from` and whether
 * its filters keep it (plan, category, status, series), and its title to name it: nothing a
 * registration or a check-in changes. The calendar reads the activity's full entry only for these.
 */
export const LongWindowActivity = z.object({
  activityId: z.string(),
  planId: z.string(),
  planYear: z.number(),
  title: z.string(),
  category: Category,
  window: StoredWindow,
  status: ActivityStatus,
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
 * events that change what it holds: registrations and attendance, the many, never read or write it.
 * (A change of details sets only venue and lecturer, which it does not hold.)
 */
export const longWindowActivities: Projection<DomainEvent, LongWindowActivity> = {
  name: 'activity-long-windows',
  schema: LongWindowActivity,
  touches(event, context) {
    switch (event.type) {
      case 'ActivityPlanned':
      case 'ActivityRescheduled':
      case 'ActivityCancelled':
      case 'ActivityHeld':
        return [longWindowKey(context.community, entityIdOf(context.streamId))];
      default:
        return [];
    }
  },
  evolve(current, event, context): ViewDocument<LongWindowActivity> | null {
    if (event.type === 'ActivityPlanned') {
      const { activityId, planId, planYear, title, category, window, seriesId } = event.data;
      const stub = { activityId, planId, planYear, title, category, window, status: 'planned' as const };
      return placed(seriesId === undefined ? stub : { ...stub, seriesId }, context);
    }
    if (!current) return null;
    switch (event.type) {
      case 'ActivityRescheduled':
        return placed({ ...current.data, window: event.data.window }, context);
      case 'ActivityCancelled':
        return { ...current, data: { ...current.data, status: 'cancelled' } };
      case 'ActivityHeld':
        return { ...current, data: { ...current.data, status: 'held' } };
      default:
        return current;
    }
  },
};
