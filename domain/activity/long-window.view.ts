import * as z from 'zod';
import type { DomainEvent } from '../../events/index.js';
import type { ListSlice, Projection, ViewDocument } from '../shared/projection.js';
import { ActivityDetail, activityDetails } from './activity.view.js';
import { isLongWindow } from './activity-window.js';

/**
 * An activity as the calendar shows it, with its plan year: kept for every activity (a short window
 * rescheduled long needs its counts), but listed only while its window is long.
 */
export const LongWindowActivity = ActivityDetail.extend({ planYear: z.number() });
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

/**
 * The calendar's second list: the activities whose window lasts longer than the calendar reads back
 * by start (`LONG_WINDOW_MS`), per plan year. It follows the calendar's own item (`activityDetails`)
 * event for event; a window rescheduled short leaves the list, one rescheduled long joins it.
 */
export const longWindowActivities: Projection<DomainEvent, LongWindowActivity> = {
  name: 'activity-long-windows',
  schema: LongWindowActivity,
  touches(event, context) {
    return activityDetails.touches(event, context).map((ref) => longWindowKey(ref.community, ref.id[0]!));
  },
  evolve(current, event, context): ViewDocument<LongWindowActivity> | null {
    const planYear = event.type === 'ActivityPlanned' ? event.data.planYear : current?.data.planYear;
    if (planYear === undefined) return null;
    const { planYear: _year, ...detail } = current?.data ?? ({} as Partial<LongWindowActivity>);
    const next = activityDetails.evolve(current && { data: detail as ActivityDetail }, event, context);
    if (!next) return null;
    const { window, activityId } = next.data;
    return {
      data: { ...next.data, planYear },
      ...(isLongWindow(window)
        ? {
            placement: {
              list: longWindowsList(context.community, planYear),
              order: [window.start, activityId],
            },
          }
        : {}),
    };
  },
};
