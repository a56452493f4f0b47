import {
  type ActivityDetail,
  type ActivityStatus,
  activityKey,
} from '../../../domain/activity/activity.view.js';
import { type SeriesDetail, seriesKey } from '../../../domain/series/series.view.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { ViewStore } from '../view-store.js';

export interface SeriesQueryDeps {
  readonly views: ViewStore;
}

/**
 * An occurrence as the series directs it, with what its activity says of it: its window, status and
 * counts. `pending` while its activity is not (yet) on the calendar: the series has decided it and
 * the writes are still being made (or a crash left them for the next retry or edit to make).
 */
export interface OccurrenceAsSeen {
  readonly occurrenceId: string;
  readonly date: string;
  readonly window: { readonly start: string; readonly end: string };
  readonly venue?: string;
  readonly lecturer?: string;
  readonly cancelledBySeries: boolean;
  readonly status: ActivityStatus | 'pending';
  readonly registeredCount: number;
  readonly attendanceCount: number;
}

export type SeriesAsSeen = Omit<SeriesDetail, 'occurrences'> & {
  readonly version: number;
  readonly occurrencesWritten: boolean;
  readonly occurrences: readonly OccurrenceAsSeen[];
};

/** A series with each occurrence's status (one batch read of its bounded set of activities); 404 if absent. */
export async function getSeries(
  deps: SeriesQueryDeps,
  actor: Actor,
  input: { seriesId: string },
): Promise<SeriesAsSeen> {
  const item = await deps.views.get<SeriesDetail>(seriesKey(actor.community, input.seriesId));
  if (!item || item.deleted) throw appErrors.notFound(`activity series ${input.seriesId}`);
  const series = item.data;
  const activities = await deps.views.getMany<ActivityDetail>(
    series.occurrences.map((o) => activityKey(actor.community, o.occurrenceId)),
  );
  const byId = new Map(activities.filter((a) => !a.deleted).map((a) => [a.data.activityId, a.data]));
  return {
    ...series,
    version: item.appliedVersion,
    occurrencesWritten: series.writtenThrough >= series.decisions,
    occurrences: series.occurrences.map((o) => {
      const activity = byId.get(o.occurrenceId);
      return {
        ...o,
        window: activity?.window ?? o.window,
        status: activity?.status ?? 'pending',
        registeredCount: activity?.registeredCount ?? 0,
        attendanceCount: activity?.attendanceCount ?? 0,
      };
    }),
  };
}
