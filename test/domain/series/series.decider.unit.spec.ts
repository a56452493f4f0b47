import { describe, expect, it } from 'vitest';
import { occurrenceIdOf } from '../../../domain/series/occurrence-id.js';
import { changedSince, movedSince, occurrenceCommand } from '../../../domain/series/occurrence-writes.js';
import { type SeriesCommand, seriesDecider } from '../../../domain/series/series.decider.js';
import { fold } from '../../../domain/shared/decider.js';
import { isDomainError } from '../../../domain/shared/errors.js';
import type { SeriesEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

const S = '01JZ0000000000000000000000';
const plan = { planId: 'P', year: 2026, timeZone: 'Asia/Shanghai' };
const planSeries: SeriesCommand = {
  type: 'PlanSeries',
  seriesId: S,
  planId: 'P',
  plan,
  category: 'civilization-school',
  format: 'class',
  title: 'Civilization school',
  venue: 'Hall',
  recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', start: '2026-01-31T19:00', durationMinutes: 90 },
};
const dates = [
  '2026-01-31',
  '2026-03-31',
  '2026-05-31',
  '2026-07-31',
  '2026-08-31',
  '2026-10-31',
  '2026-12-31',
];
const id = (date: string) => occurrenceIdOf(S, date);
const at = (date: string, time = '11:00', endTime = '12:30') => ({
  start: `${date}T${time}:00.000Z`,
  end: `${date}T${endTime}:00.000Z`,
});
const planned: SeriesEvent = {
  type: 'ActivitySeriesPlanned',
  data: {
    seriesId: S,
    planId: 'P',
    planYear: 2026,
    timeZone: 'Asia/Shanghai',
    category: 'civilization-school',
    format: 'class',
    title: 'Civilization school',
    venue: 'Hall',
    recurrence: planSeries.type === 'PlanSeries' ? planSeries.recurrence : ({} as never),
    occurrences: dates.map((date) => ({ occurrenceId: id(date), date, window: at(date) })),
  },
};
const written = (decisions: number): SeriesEvent => ({
  type: 'ActivitySeriesOccurrencesWritten',
  data: { decisions },
});

describe('series decider', () => {
  it('plans a series: every occurrence, named by a deterministic id, in one event', () => {
    given(seriesDecider, []).when(planSeries).then([planned]);
    given(seriesDecider, [planned]).when(planSeries).then({ code: 'series-already-exists' });
    given(seriesDecider, [])
      .when({ ...planSeries, plan: undefined })
      .then({ code: 'plan-not-found' });
    expect(new Set(dates.map(id)).size).toBe(dates.length);
    expect(id('2026-01-31')).toMatch(/^01JZ000000[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('"this and following" from the 4th occurrence moves it and the later ones, with their windows before', () => {
    given(seriesDecider, [planned, written(1)])
      .when({
        type: 'ChangeSeries',
        seriesId: S,
        scope: 'following',
        occurrenceId: id('2026-07-31'),
        change: { startTime: '20:00', durationMinutes: undefined },
        reason: 'summer evenings',
      })
      .then([
        {
          type: 'ActivitySeriesChanged',
          data: {
            scope: 'following',
            occurrenceId: id('2026-07-31'),
            change: { startTime: '20:00' },
            reason: 'summer evenings',
            occurrences: dates.slice(3).map((date) => ({
              occurrenceId: id(date),
              date,
              window: at(date, '12:00', '13:30'),
              previousWindow: at(date),
            })),
          },
        },
      ]);
  });

  it('refuses scopes without their occurrence, unknown occurrences, empty changes; a change to nothing new is a no-op', () => {
    const change = (more: Partial<Extract<SeriesCommand, { type: 'ChangeSeries' }>>): SeriesCommand => ({
      type: 'ChangeSeries',
      seriesId: S,
      scope: 'this',
      change: { venue: 'Library' },
      reason: 'r',
      ...more,
    });
    given(seriesDecider, [planned]).when(change({})).then({ code: 'occurrence-required' });
    given(seriesDecider, [planned])
      .when(change({ occurrenceId: 'nope' }))
      .then({ code: 'occurrence-not-found' });
    given(seriesDecider, [planned])
      .when(change({ scope: 'all', change: {} }))
      .then({ code: 'empty-change' });
    given(seriesDecider, [planned])
      .when(change({ scope: 'all', change: { venue: 'Hall' } }))
      .then([]);
    given(seriesDecider, [])
      .when(change({ scope: 'all' }))
      .then({ code: 'series-not-found' });
    given(seriesDecider, [planned])
      .when(change({ scope: 'all', change: { startTime: '23:00', durationMinutes: 120 } }))
      .then({ code: 'series-outside-plan-year' });
  });

  it('cancels this, following or all; a cancelled occurrence leaves every later scope; all cancelled ends the series', () => {
    const cancelThis: SeriesCommand = {
      type: 'CancelSeries',
      seriesId: S,
      scope: 'this',
      occurrenceId: id('2026-03-31'),
      reason: 'holiday',
    };
    given(seriesDecider, [planned])
      .when(cancelThis)
      .then([
        {
          type: 'ActivitySeriesCancelled',
          data: {
            scope: 'this',
            occurrenceId: id('2026-03-31'),
            reason: 'holiday',
            occurrenceIds: [id('2026-03-31')],
          },
        },
      ]);
    const afterThis = given(seriesDecider, [planned]).when(cancelThis).state();
    const all = seriesDecider.decide(
      { type: 'CancelSeries', seriesId: S, scope: 'all', reason: 'closed' },
      afterThis,
    );
    if (isDomainError(all)) throw new Error(all.code);
    expect(all[0]!.type === 'ActivitySeriesCancelled' && all[0]!.data.occurrenceIds).toHaveLength(6);
    const ended = fold(seriesDecider, all, afterThis);
    expect(ended.status).toBe('cancelled');
    expect(seriesDecider.decide(cancelThis, ended)).toMatchObject({ code: 'series-cancelled' });
  });

  it('keeps each decision’s occurrence writes pending until they are recorded as written', () => {
    const state = fold(seriesDecider, [planned]);
    if (state.status === 'none') throw new Error('no series');
    expect(state.pending).toHaveLength(1);
    expect(state.pending[0]!.writes).toHaveLength(7);
    given(seriesDecider, [planned])
      .when({ type: 'RecordOccurrencesWritten', seriesId: S, decisions: 1 })
      .then([written(1)]);
    given(seriesDecider, [planned, written(1)])
      .when({ type: 'RecordOccurrencesWritten', seriesId: S, decisions: 1 })
      .then([]);
    expect(fold(seriesDecider, [planned, written(1)])).toMatchObject({ pending: [], settled: 1 });
  });

  it('a replayed reschedule applies only where the series last put the occurrence (never undoes a later move)', () => {
    const state = fold(seriesDecider, [planned]);
    if (state.status === 'none') throw new Error('no series');
    const occurrenceId = id('2026-05-31');
    const write = {
      kind: 'reschedule',
      occurrenceId,
      from: at('2026-05-31'),
      to: at('2026-05-31', '12:00', '13:30'),
    } as const;
    const activity = (window: { start: string; end: string }) =>
      ({
        status: 'planned',
        planId: 'P',
        planYear: 2026,
        timeZone: 'Asia/Shanghai',
        window,
        capacity: null,
        registered: {},
        registeredCount: 0,
        waitlist: [],
        attending: {},
      }) as never;
    const command = occurrenceCommand(state, write, 'later');
    expect(command(activity(at('2026-05-31')))).toMatchObject({
      type: 'RescheduleActivity',
      window: write.to,
    });
    expect(command(activity(write.to))).toMatchObject({ type: 'RescheduleActivity' });
    expect(command(activity(at('2026-05-31', '01:00', '02:00')))).toEqual(movedSince(occurrenceId));
    const plan = occurrenceCommand(
      state,
      { kind: 'plan', occurrenceId, window: at('2026-05-31') },
      undefined,
    );
    expect(plan({ status: 'none' })).toMatchObject({
      type: 'PlanActivity',
      seriesId: S,
      venue: 'Hall',
      activityId: occurrenceId,
    });
  });

  it('a venue or lecturer change writes the details of each occurrence it names, after its move', () => {
    const change: SeriesEvent = {
      type: 'ActivitySeriesChanged',
      data: {
        scope: 'following',
        occurrenceId: id('2026-07-31'),
        change: { startTime: '19:30', venue: 'Library', lecturer: 'Teacher Wang' },
        reason: 'repairs',
        occurrences: dates.slice(3).map((date) => ({
          occurrenceId: id(date),
          date,
          window: at(date, '11:30', '13:00'),
          previousWindow: at(date),
        })),
      },
    };
    const state = fold(seriesDecider, [planned, written(1), change]);
    if (state.status === 'none') throw new Error('no series');
    expect(state.pending).toEqual([
      {
        decision: 2,
        reason: 'repairs',
        writes: dates.slice(3).flatMap((date) => [
          { kind: 'reschedule', occurrenceId: id(date), from: at(date), to: at(date, '11:30', '13:00') },
          {
            kind: 'details',
            occurrenceId: id(date),
            from: { venue: 'Hall' },
            to: { venue: 'Library', lecturer: 'Teacher Wang' },
          },
        ]),
      },
    ]);
  });

  it('a replayed details write sets only what the activity still has from the series (never undoes its own change)', () => {
    const state = fold(seriesDecider, [planned]);
    if (state.status === 'none') throw new Error('no series');
    const occurrenceId = id('2026-05-31');
    const write = {
      kind: 'details',
      occurrenceId,
      from: { venue: 'Hall' },
      to: { venue: 'Library', lecturer: 'Teacher Wang' },
    } as const;
    const activity = (details: { venue?: string; lecturer?: string }) =>
      ({ status: 'planned', window: at('2026-05-31'), ...details }) as never;
    const command = occurrenceCommand(state, write, 'repairs');
    const expected = { type: 'ChangeActivityDetails', activityId: occurrenceId, reason: 'repairs' };
    expect(command(activity({ venue: 'Hall' }))).toEqual({
      ...expected,
      venue: 'Library',
      lecturer: 'Teacher Wang',
    });
    // Already so (a retry): the activity's decider finds nothing to change.
    expect(command(activity({ venue: 'Library', lecturer: 'Teacher Wang' }))).toEqual({
      ...expected,
      venue: 'Library',
      lecturer: 'Teacher Wang',
    });
    // Its lecturer was changed on the activity since: only the venue is the series' to set.
    expect(command(activity({ venue: 'Hall', lecturer: 'Teacher Li' }))).toEqual({
      ...expected,
      venue: 'Library',
    });
    expect(command(activity({ venue: 'Court', lecturer: 'Teacher Li' }))).toEqual(changedSince(occurrenceId));
  });
});
