import { describe, expect, it } from 'vitest';
import { occurrenceIdOf } from '../../../domain/series/occurrence-id.js';
import { SeriesDetail, seriesDetails, seriesKey } from '../../../domain/series/series.view.js';
import { keyOf } from '../../../functions/adapters/view-layout.js';
import { project, recordedAt, type Timeline } from '../../support/decider-spec.js';

const S = '01JZ0000000000000000000000';
const dates = ['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24'];
const id = (date: string) => occurrenceIdOf(S, date);
const at = (date: string, time = '11:00', endTime = '12:30') => ({
  start: `${date}T${time}:00.000Z`,
  end: `${date}T${endTime}:00.000Z`,
});
const recurrence = {
  rrule: 'FREQ=WEEKLY;BYDAY=TU',
  start: '2026-03-03T19:00',
  durationMinutes: 90,
  until: '2026-03-24',
};
const planned = {
  type: 'ActivitySeriesPlanned',
  data: {
    seriesId: S,
    planId: 'P1',
    planYear: 2026,
    timeZone: 'Asia/Shanghai',
    category: 'civilization-school',
    format: 'class',
    title: 'Civilization school',
    venue: 'Hall',
    lecturer: 'Prof. Wang',
    recurrence,
    occurrences: dates.map((date) => ({ occurrenceId: id(date), date, window: at(date) })),
  },
};
/** "This and following" from the 3rd occurrence: an hour later, in the library. */
const changed = {
  type: 'ActivitySeriesChanged',
  data: {
    scope: 'following',
    occurrenceId: id('2026-03-17'),
    change: { startTime: '20:00', venue: 'Library' },
    reason: 'the hall is booked',
    occurrences: dates.slice(2).map((date) => ({
      occurrenceId: id(date),
      date,
      window: at(date, '12:00', '13:30'),
      previousWindow: at(date),
    })),
  },
};
const cancelled = (scope: 'this' | 'all', occurrenceIds: string[], occurrenceId?: string) => ({
  type: 'ActivitySeriesCancelled',
  data: { scope, ...(occurrenceId ? { occurrenceId } : {}), reason: 'holiday', occurrenceIds },
});
const written = (decisions: number) => ({ type: 'ActivitySeriesOccurrencesWritten', data: { decisions } });
const stream = `c1#series#${S}`;

async function seriesAfter(timeline: Timeline) {
  const views = await project(timeline, [seriesDetails]);
  const item = await views.item<SeriesDetail>(seriesKey('c1', S));
  // What the view stores parses to itself under its schema (a field the schema forgets fails).
  expect(SeriesDetail.parse(item!.data)).toEqual(item!.data);
  return { views, item: item! };
}

describe('series-details projection [seriesDetails]', () => {
  it('keeps a planned series with its rule and every occurrence, at the series’ venue and lecturer', async () => {
    const { item } = await seriesAfter([[stream, planned]]);
    const { planYear: _year, occurrences: _o, ...series } = planned.data;
    expect(item).toEqual({
      data: {
        ...series,
        status: 'active',
        occurrences: dates.map((date) => ({
          occurrenceId: id(date),
          date,
          window: at(date),
          venue: 'Hall',
          lecturer: 'Prof. Wang',
          cancelledBySeries: false,
        })),
        changes: [],
        cancellations: [],
        decisions: 1,
        writtenThrough: 0,
        plannedAt: recordedAt(0),
      },
      owner: stream,
      appliedVersion: 1,
    });
    expect(keyOf(seriesKey('c1', S))).toEqual({ pk: stream, sk: 'detail' });
  });

  it('a "following" change moves and re-venues the occurrences from the one named on, not the earlier ones', async () => {
    const { item } = await seriesAfter([
      [stream, planned],
      [stream, written(1)],
      [stream, changed],
    ]);
    expect(item.data.occurrences.map((o) => [o.date, o.window.start, o.venue, o.lecturer])).toEqual([
      ['2026-03-03', at('2026-03-03').start, 'Hall', 'Prof. Wang'],
      ['2026-03-10', at('2026-03-10').start, 'Hall', 'Prof. Wang'],
      ['2026-03-17', at('2026-03-17', '12:00').start, 'Library', 'Prof. Wang'],
      ['2026-03-24', at('2026-03-24', '12:00').start, 'Library', 'Prof. Wang'],
    ]);
    const { occurrences: _o, ...decision } = changed.data;
    expect(item.data.changes).toEqual([
      { ...decision, occurrenceIds: [id('2026-03-17'), id('2026-03-24')], at: recordedAt(2) },
    ]);
    expect(item.data).toMatchObject({ status: 'active', decisions: 2, writtenThrough: 1 });
  });

  it('marks the occurrences a cancellation names as cancelled by the series; cancelled once all of them are', async () => {
    const one = [id('2026-03-10')];
    const rest = [id('2026-03-03'), id('2026-03-17'), id('2026-03-24')];
    const afterOne = await seriesAfter([
      [stream, planned],
      [stream, cancelled('this', one, one[0])],
    ]);
    expect(afterOne.item.data.occurrences.map((o) => o.cancelledBySeries)).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(afterOne.item.data).toMatchObject({ status: 'active', decisions: 2 });

    const { views, item } = await seriesAfter([
      [stream, planned],
      [stream, cancelled('this', one, one[0])],
      [stream, cancelled('all', rest)],
      [stream, written(3)],
    ]);
    expect(item.data.occurrences.every((o) => o.cancelledBySeries)).toBe(true);
    expect(item.data.cancellations).toEqual([
      { scope: 'this', occurrenceId: one[0], reason: 'holiday', occurrenceIds: one, at: recordedAt(1) },
      { scope: 'all', reason: 'holiday', occurrenceIds: rest, at: recordedAt(2) },
    ]);
    expect(item).toMatchObject({
      data: { status: 'cancelled', decisions: 3, writtenThrough: 3 },
      appliedVersion: 4,
    });
    await views.redeliver();
    expect(await views.item(seriesKey('c1', S))).toEqual(item);
  });
});
