import { type ActivityDetail, activityKey } from '../../../domain/activity/activity.view.js';
import {
  type ActivityComplianceRow,
  planActivitiesList,
} from '../../../domain/compliance/compliance.view.js';
import { readAll } from '../read-all.js';
import type { ViewStore } from '../view-store.js';

/**
 * The plan's own list of its activities (one compliance row each, listed under the plan since the
 * first release): what a plan's report and year ledger start from, so they read neither other plans'
 * activities nor earlier years', however long the community's calendar grows.
 */
export const planActivityRows = (views: ViewStore, community: string, planId: string) =>
  readAll<ActivityComplianceRow>(views, { list: planActivitiesList(community, planId) });

/** The calendar's items of these activities, by start as the calendar lists them. */
export async function activityDetailsOf(
  views: ViewStore,
  community: string,
  rows: readonly Pick<ActivityComplianceRow, 'activityId'>[],
): Promise<ActivityDetail[]> {
  const items = await views.getMany<ActivityDetail>(rows.map((r) => activityKey(community, r.activityId)));
  return items
    .filter((i) => !i.deleted)
    .map((i) => i.data)
    .sort((a, b) => a.window.start.localeCompare(b.window.start) || a.activityId.localeCompare(b.activityId));
}
