import type { ActivityCommand, ActivityState } from '../activity/activity.decider.js';
import { detailsOf } from '../activity/activity-details.js';
import { type DomainError, domainError } from '../shared/errors.js';
import type { OccurrenceDetails, OccurrenceWrite, PendingDecision, SeriesState } from './series.state.js';

type Active = Exclude<SeriesState, { status: 'none' }>;

/** A write the occurrence's own state makes moot: it has been moved since (by itself or a later decision). */
export const movedSince = (occurrenceId: string) =>
  domainError(
    'occurrence-moved',
    'conflict',
    `occurrence ${occurrenceId} is no longer where the series put it`,
  );

/** A details write the occurrence's own state makes moot: its venue or lecturer was changed on it since. */
export const changedSince = (occurrenceId: string) =>
  domainError(
    'occurrence-details-changed',
    'conflict',
    `occurrence ${occurrenceId} no longer has the venue or lecturer the series gave it`,
  );

const DETAILS = ['venue', 'lecturer'] as const;

/**
 * The fields of a details write the activity still has as the series last gave them (or has as the
 * write sets them already: the decider finds nothing to do), each set to its new value.
 */
function detailsStillTheSeries(
  activity: ActivityState,
  write: Extract<OccurrenceWrite, { kind: 'details' }>,
): OccurrenceDetails | undefined {
  if (activity.status === 'none') return write.to;
  const fields = DETAILS.filter(
    (f) => write.to[f] !== undefined && (activity[f] === write.from[f] || activity[f] === write.to[f]),
  );
  if (fields.length === 0) return undefined;
  return Object.fromEntries(fields.map((f) => [f, write.to[f]]));
}

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
          ...detailsOf(occurrence ?? {}),
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
      case 'details': {
        const details = detailsStillTheSeries(activity, write);
        if (!details) return changedSince(activityId);
        return { type: 'ChangeActivityDetails', activityId, ...details, reason };
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
