import type { Category, Format, SeriesEvent, SeriesRecurrence, Window } from '../../events/index.js';
import { type ActivityDetails, detailsOf } from '../activity/activity-details.js';

/** What every occurrence's activity is planned with (venue and lecturer may change per occurrence). */
export interface ActivityTemplate {
  readonly category: Category;
  readonly format: Format;
  readonly title: string;
  readonly description?: string;
  readonly venue?: string;
  readonly organizerUnit?: string;
  readonly partnerUnits?: string[];
  readonly audience?: string;
  readonly capacity?: number;
  readonly lecturer?: string;
}

/** An occurrence as the series last directed it. */
export interface OccurrenceState {
  readonly occurrenceId: string;
  readonly date: string;
  readonly window: Window;
  readonly venue?: string;
  readonly lecturer?: string;
  readonly cancelled: boolean;
}

/** The venue and lecturer a series gives an occurrence (only those a change names). */
export type OccurrenceDetails = ActivityDetails;

/**
 * A write a decision directs to one occurrence's activity stream. Replaying it is harmless: a plan
 * finds the activity there, a cancel finds it cancelled, a reschedule applies only while the
 * activity is still where the series last put it (`from`), so it never undoes a later move; a
 * details change sets each field only while the activity still has it as the series last gave it
 * (`from`), and finds nothing to do where it has `to` already.
 */
export type OccurrenceWrite =
  | { readonly kind: 'plan'; readonly occurrenceId: string; readonly window: Window }
  | { readonly kind: 'reschedule'; readonly occurrenceId: string; readonly from: Window; readonly to: Window }
  | {
      readonly kind: 'details';
      readonly occurrenceId: string;
      readonly from: OccurrenceDetails;
      readonly to: OccurrenceDetails;
    }
  | { readonly kind: 'cancel'; readonly occurrenceId: string };

/** A decision whose occurrence writes are not all known to be made; `decision` counts from 1. */
export interface PendingDecision {
  readonly decision: number;
  readonly reason?: string;
  readonly writes: readonly OccurrenceWrite[];
}

export type SeriesState =
  | { readonly status: 'none' }
  | {
      /** `cancelled` once every occurrence is. */
      readonly status: 'active' | 'cancelled';
      readonly seriesId: string;
      readonly planId: string;
      readonly planYear: number;
      readonly timeZone: string;
      readonly template: ActivityTemplate;
      readonly recurrence: SeriesRecurrence;
      readonly occurrences: readonly OccurrenceState[];
      /** Decisions taken (plan, change, cancel), and how many of them have all their writes made. */
      readonly decisions: number;
      readonly settled: number;
      readonly pending: readonly PendingDecision[];
    };

const sameWindow = (a: Window, b: Window) => a.start === b.start && a.end === b.end;

/** Per changed occurrence: its move, then its new venue or lecturer (each only if it changes). */
function changeWrites(
  before: readonly OccurrenceState[],
  event: Extract<SeriesEvent, { type: 'ActivitySeriesChanged' }>,
): OccurrenceWrite[] {
  const { change } = event.data;
  return event.data.occurrences.flatMap((o): OccurrenceWrite[] => {
    const { occurrenceId } = o;
    const was = before.find((p) => p.occurrenceId === occurrenceId);
    const venue = change.venue !== undefined && change.venue !== was?.venue;
    const lecturer = change.lecturer !== undefined && change.lecturer !== was?.lecturer;
    const from = {
      ...(venue && was?.venue !== undefined ? { venue: was.venue } : {}),
      ...(lecturer && was?.lecturer !== undefined ? { lecturer: was.lecturer } : {}),
    };
    const to = {
      ...(venue ? { venue: change.venue } : {}),
      ...(lecturer ? { lecturer: change.lecturer } : {}),
    };
    return [
      ...(sameWindow(o.previousWindow, o.window)
        ? []
        : [{ kind: 'reschedule', occurrenceId, from: o.previousWindow, to: o.window } as const]),
      ...(venue || lecturer ? [{ kind: 'details', occurrenceId, from, to } as const] : []),
    ];
  });
}

export function evolveSeries(state: SeriesState, event: SeriesEvent): SeriesState {
  if (event.type === 'ActivitySeriesPlanned') {
    const { seriesId, planId, planYear, timeZone, recurrence, occurrences, ...template } = event.data;
    return {
      status: 'active',
      seriesId,
      planId,
      planYear,
      timeZone,
      template,
      recurrence,
      occurrences: occurrences.map((o) => ({
        ...o,
        ...detailsOf(template),
        cancelled: false,
      })),
      decisions: 1,
      settled: 0,
      pending: [
        {
          decision: 1,
          writes: occurrences.map((o) => ({ kind: 'plan', occurrenceId: o.occurrenceId, window: o.window })),
        },
      ],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ActivitySeriesChanged': {
      const { reason } = event.data;
      const decision = state.decisions + 1;
      return {
        ...state,
        occurrences: withSeriesChange(state.occurrences, event.data),
        decisions: decision,
        pending: [...state.pending, { decision, reason, writes: changeWrites(state.occurrences, event) }],
      };
    }
    case 'ActivitySeriesCancelled': {
      const ids = new Set(event.data.occurrenceIds);
      const occurrences = state.occurrences.map((o) =>
        ids.has(o.occurrenceId) ? { ...o, cancelled: true } : o,
      );
      const decision = state.decisions + 1;
      return {
        ...state,
        status: occurrences.every((o) => o.cancelled) ? 'cancelled' : 'active',
        occurrences,
        decisions: decision,
        pending: [
          ...state.pending,
          {
            decision,
            reason: event.data.reason,
            writes: event.data.occurrenceIds.map((occurrenceId) => ({ kind: 'cancel', occurrenceId })),
          },
        ],
      };
    }
    case 'ActivitySeriesOccurrencesWritten': {
      const through = event.data.decisions;
      return {
        ...state,
        settled: Math.max(state.settled, through),
        pending: state.pending.filter((p) => p.decision > through),
      };
    }
  }
}

/**
 * The occurrences after a series change: each one it names takes its new window and the changed
 * venue or lecturer; the others stay as they were. The series' state and its view fold it alike.
 */
export function withSeriesChange<
  O extends { readonly occurrenceId: string; readonly window: Window; venue?: string; lecturer?: string },
>(
  occurrences: readonly O[],
  decision: {
    readonly change: { readonly venue?: string; readonly lecturer?: string };
    readonly occurrences: readonly { readonly occurrenceId: string; readonly window: Window }[];
  },
): O[] {
  const { change } = decision;
  const changed = new Map(decision.occurrences.map((o) => [o.occurrenceId, o]));
  return occurrences.map((o) => {
    const next = changed.get(o.occurrenceId);
    if (!next) return o;
    return {
      ...o,
      window: next.window,
      ...detailsOf(change),
    };
  });
}
