import type { SeriesChange, SeriesEvent, SeriesRecurrence, SeriesScope } from '../../events/index.js';
import type { PlanFacts } from '../activity/activity.decider.js';
import { planErrors } from '../plan/plan.errors.js';
import type { Decider } from '../shared/decider.js';
import type { DomainError } from '../shared/errors.js';
import { zonedInstant } from '../shared/time.js';
import { occurrenceIdOf } from './occurrence-id.js';
import { expandRecurrence, timingOf, windowOn } from './recurrence.js';
import { seriesErrors } from './series.errors.js';
import {
  type ActivityTemplate,
  evolveSeries,
  type OccurrenceState,
  type SeriesState,
} from './series.state.js';

export type SeriesCommand =
  | ({
      readonly type: 'PlanSeries';
      readonly seriesId: string;
      readonly planId: string;
      /** The plan as loaded by the handler; absent when no such plan exists. */
      readonly plan: PlanFacts | undefined;
      readonly recurrence: SeriesRecurrence;
    } & ActivityTemplate)
  | {
      readonly type: 'ChangeSeries';
      readonly seriesId: string;
      readonly scope: SeriesScope;
      readonly occurrenceId?: string;
      readonly change: SeriesChange;
      readonly reason: string;
    }
  | {
      readonly type: 'CancelSeries';
      readonly seriesId: string;
      readonly scope: SeriesScope;
      readonly occurrenceId?: string;
      readonly reason: string;
    }
  /** Every write of the first `decisions` decisions has been made (or found made). */
  | { readonly type: 'RecordOccurrencesWritten'; readonly seriesId: string; readonly decisions: number };

type Active = Exclude<SeriesState, { status: 'none' }>;

/**
 * The occurrences a scope names: `this` one, this and the `following` ones (by date), or `all`. Those
 * the series has cancelled are out of every scope; held ones are in it, and their activity refuses.
 */
function inScope(
  state: Active,
  scope: SeriesScope,
  occurrenceId: string | undefined,
): readonly OccurrenceState[] | DomainError {
  if (scope !== 'all' && occurrenceId === undefined) return seriesErrors.occurrenceRequired(scope);
  const anchor = state.occurrences.find((o) => o.occurrenceId === occurrenceId);
  if (occurrenceId !== undefined && !anchor) return seriesErrors.occurrenceNotFound(occurrenceId);
  const open = state.occurrences.filter((o) => !o.cancelled);
  const named =
    scope === 'this'
      ? open.filter((o) => o === anchor)
      : scope === 'following'
        ? open.filter((o) => o.date >= anchor!.date)
        : open;
  if (named.length > 0) return named;
  return anchor ? seriesErrors.occurrenceCancelled(anchor.occurrenceId) : seriesErrors.cancelled();
}

function decideChange(state: Active, command: Extract<SeriesCommand, { type: 'ChangeSeries' }>) {
  const change = Object.fromEntries(
    Object.entries(command.change).filter(([, value]) => value !== undefined),
  ) as SeriesChange;
  if (Object.keys(change).length === 0) return seriesErrors.emptyChange();
  const named = inScope(state, command.scope, command.occurrenceId);
  if ('kind' in named) return named;
  const nextYear = zonedInstant(state.planYear + 1, 1, 1, state.timeZone).toISOString();
  const occurrences = [];
  for (const o of named) {
    const timing = timingOf(o.window, state.timeZone);
    const time = change.startTime ?? timing.time;
    const window = windowOn(o.date, time, change.durationMinutes ?? timing.durationMinutes, state.timeZone);
    if (window.end >= nextYear)
      return seriesErrors.outsidePlanYear(state.planYear, `the occurrence of ${o.date} would end after it`);
    const moves = window.start !== o.window.start || window.end !== o.window.end;
    const other =
      (change.venue !== undefined && change.venue !== o.venue) ||
      (change.lecturer !== undefined && change.lecturer !== o.lecturer);
    if (moves || other)
      occurrences.push({ occurrenceId: o.occurrenceId, date: o.date, window, previousWindow: o.window });
  }
  if (occurrences.length === 0) return [];
  const { scope, occurrenceId, reason } = command;
  return [
    {
      type: 'ActivitySeriesChanged',
      data: { scope, ...(occurrenceId === undefined ? {} : { occurrenceId }), change, reason, occurrences },
    },
  ] as const;
}

export const seriesDecider: Decider<SeriesCommand, SeriesState, SeriesEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'PlanSeries') {
      if (state.status !== 'none') return seriesErrors.alreadyExists(command.seriesId);
      const { type: _type, plan, planId, seriesId, recurrence, ...template } = command;
      if (!plan) return planErrors.notFound(planId);
      const expanded = expandRecurrence(recurrence, plan);
      if ('kind' in expanded) return expanded;
      return [
        {
          type: 'ActivitySeriesPlanned',
          data: {
            seriesId,
            planId,
            planYear: plan.year,
            timeZone: plan.timeZone,
            ...template,
            recurrence,
            occurrences: expanded.map((o) => ({ occurrenceId: occurrenceIdOf(seriesId, o.date), ...o })),
          },
        },
      ];
    }
    if (state.status === 'none') return seriesErrors.notFound(command.seriesId);
    if (command.type === 'RecordOccurrencesWritten') {
      if (command.decisions <= state.settled || command.decisions > state.decisions) return [];
      return [{ type: 'ActivitySeriesOccurrencesWritten', data: { decisions: command.decisions } }];
    }
    if (state.status === 'cancelled') return seriesErrors.cancelled();
    if (command.type === 'ChangeSeries') return decideChange(state, command);
    const named = inScope(state, command.scope, command.occurrenceId);
    if ('kind' in named) return named;
    const { scope, occurrenceId, reason } = command;
    return [
      {
        type: 'ActivitySeriesCancelled',
        data: {
          scope,
          ...(occurrenceId === undefined ? {} : { occurrenceId }),
          reason,
          occurrenceIds: named.map((o) => o.occurrenceId),
        },
      },
    ];
  },

  evolve: evolveSeries,
};
