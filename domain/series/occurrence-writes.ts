import type { ActivityCommand, ActivityState } from '../activity/activity.decider.js';
import { type DomainError, domainError } from '../shared/errors.js';
import type { OccurrenceWrite, PendingDecision, SeriesState } from './series.state.js';

type Active = Exclude<SeriesState, { status: 'none' }>;

/** A write the occurrence's own state makes moot: it has been moved since (by itself or a later decision). */
export const movedSince = (occurrenceId: string) =>
  domainError(
    'occurrence-moved',
    'conflict',
    `occurrence ${occurrenceId} is no longer where the series put it`,
  );

/**
 * The activity command a write stands for, built from the occurrence's activity as loaded. Whatever
 * the activity refuses (it exists already, it is held, it is cancelled, it has moved) is a write
 * already made or one its own rules forbid: either way there is nothing left to do for it.
 */
export function occurrenceCommand(
  series: Active,
  write: OccurrenceWrite,
  reason = 'series change',
): (activity: ActivityState) => ActivityCommand | DomainError {
  const activityId = write.occurrenceId;
  return (activity) => {
    switch (write.kind) {
      case 'plan': {
        const occurrence = series.occurrences.find((o) => o.occurrenceId === activityId);
        const { venue: _venue, lecturer: _lecturer, ...template } = series.template;
        return {
          type: 'PlanActivity',
          activityId,
          planId: series.planId,
          plan: { planId: series.planId, year: series.planYear, timeZone: series.timeZone },
          ...template,
          ...(occurrence?.venue === undefined ? {} : { venue: occurrence.venue }),
          ...(occurrence?.lecturer === undefined ? {} : { lecturer: occurrence.lecturer }),
          window: write.window,
          seriesId: series.seriesId,
        };
      }
      case 'reschedule': {
        if (activity.status !== 'none') {
          const at = activity.window;
          const isAt = (w: typeof at) => w.start === at.start && w.end === at.end;
          if (!isAt(write.from) && !isAt(write.to)) return movedSince(activityId);
        }
        return { type: 'RescheduleActivity', activityId, window: write.to, reason };
      }
      case 'cancel':
        return { type: 'CancelActivity', activityId, reason };
    }
  };
}

/** The writes still to make, one list per occurrence in decision order (an occurrence's writes run in turn). */
export function writesByOccurrence(pending: readonly PendingDecision[]) {
  const byOccurrence = new Map<string, { write: OccurrenceWrite; reason: string | undefined }[]>();
  for (const decision of pending) {
    for (const write of decision.writes) {
      const list = byOccurrence.get(write.occurrenceId) ?? [];
      list.push({ write, reason: decision.reason });
      byOccurrence.set(write.occurrenceId, list);
    }
  }
  return byOccurrence;
}
