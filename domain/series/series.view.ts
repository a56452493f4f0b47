import * as z from 'zod';
import {
  ActivityDescription,
  type DomainEvent,
  SeriesChange,
  SeriesRecurrence,
  SeriesScope,
} from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import { type Projection, StoredWindow, type ViewDocument } from '../shared/projection.js';
import { withSeriesChange } from './series.state.js';

/** An occurrence as its series last directed it (its activity's own view says what became of it). */
export const SeriesOccurrenceRow = z.object({
  occurrenceId: z.string().describe("the id of the occurrence's activity (GET /activities/{id})"),
  date: z.string().describe('the local date the rule gave it: its identity in the series'),
  window: StoredWindow,
  venue: z.string().optional(),
  lecturer: z.string().optional(),
  cancelledBySeries: z.boolean(),
});

const ScopedDecision = z.object({
  scope: SeriesScope,
  occurrenceId: z.string().optional(),
  reason: z.string(),
  occurrenceIds: z.array(z.string()).describe('the occurrences it directs (held ones stay as they were)'),
  at: z.string(),
});

export const SeriesDetail = z.object({
  seriesId: z.string(),
  planId: z.string(),
  timeZone: z.string(),
  ...ActivityDescription.shape,
  recurrence: SeriesRecurrence,
  status: z.enum(['active', 'cancelled']),
  occurrences: z.array(SeriesOccurrenceRow),
  changes: z.array(ScopedDecision.extend({ change: SeriesChange })),
  cancellations: z.array(ScopedDecision),
  /** Decisions taken, and how many of them have had every occurrence write made. */
  decisions: z.number(),
  writtenThrough: z.number(),
  plannedAt: z.string(),
});
export type SeriesDetail = z.infer<typeof SeriesDetail>;

export const seriesKey = (community: string, seriesId: string) => ({
  community,
  view: 'series',
  id: [seriesId],
});

const SERIES_EVENTS = new Set([
  'ActivitySeriesPlanned',
  'ActivitySeriesChanged',
  'ActivitySeriesCancelled',
  'ActivitySeriesOccurrencesWritten',
]);

/** One item per series: its rule, its occurrences as it directs them, and its scoped edits. */
export const seriesDetails: Projection<DomainEvent, SeriesDetail> = {
  name: 'series-details',
  schema: SeriesDetail,
  touches(event, context) {
    return SERIES_EVENTS.has(event.type) ? [seriesKey(context.community, entityIdOf(context.streamId))] : [];
  },
  evolve(current, event, context): ViewDocument<SeriesDetail> | null {
    if (event.type === 'ActivitySeriesPlanned') {
      const { planYear: _year, occurrences, ...series } = event.data;
      const { venue, lecturer } = series;
      return {
        data: {
          ...series,
          status: 'active',
          occurrences: occurrences.map((o) => ({
            ...o,
            ...(venue === undefined ? {} : { venue }),
            ...(lecturer === undefined ? {} : { lecturer }),
            cancelledBySeries: false,
          })),
          changes: [],
          cancellations: [],
          decisions: 1,
          writtenThrough: 0,
          plannedAt: context.recordedAt,
        },
      };
    }
    if (!current) return null;
    const data = current.data;
    switch (event.type) {
      case 'ActivitySeriesChanged': {
        const { change, occurrences: changed, ...decision } = event.data;
        const occurrences = withSeriesChange(data.occurrences, event.data);
        const occurrenceIds = changed.map((o) => o.occurrenceId);
        const entry = { ...decision, change, occurrenceIds, at: context.recordedAt };
        return {
          data: { ...data, occurrences, changes: [...data.changes, entry], decisions: data.decisions + 1 },
        };
      }
      case 'ActivitySeriesCancelled': {
        const ids = new Set(event.data.occurrenceIds);
        const occurrences = data.occurrences.map((o) =>
          ids.has(o.occurrenceId) ? { ...o, cancelledBySeries: true } : o,
        );
        return {
          data: {
            ...data,
            status: occurrences.every((o) => o.cancelledBySeries) ? 'cancelled' : 'active',
            occurrences,
            cancellations: [...data.cancellations, { ...event.data, at: context.recordedAt }],
            decisions: data.decisions + 1,
          },
        };
      }
      case 'ActivitySeriesOccurrencesWritten':
        return { data: { ...data, writtenThrough: Math.max(data.writtenThrough, event.data.decisions) } };
      default:
        return current;
    }
  },
};

/** The series views (issue 18). */
export const seriesProjections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [
  seriesDetails as unknown as Projection<DomainEvent, Record<string, unknown>>,
];
