import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { seriesWhenWritten as waitForSeries } from '../support/series.js';

type Answer = Record<string, unknown> & { id: string; position: string; version: number; streamId: string };
interface Occurrence {
  occurrenceId: string;
  date: string;
  window: { start: string; end: string };
  status: string;
  venue?: string;
  attendanceCount: number;
}
interface Series {
  seriesId: string;
  status: string;
  occurrences: Occurrence[];
  occurrencesWritten: boolean;
  changes: unknown[];
}

const monthlyClass = (planId: string) => ({
  planId,
  category: 'civilization-school',
  format: 'class',
  title: 'Civilization school: monthly class',
  venue: 'Community hall',
  capacity: 40,
  recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', start: '2026-01-31T19:00', endTime: '20:30' },
});

describe('recurring activity series over HTTP', () => {
  let api: TestApi;
  let organizer: string;
  let planId: string;
  let seriesId: string;
  let residentId: string;
  const seriesWhenWritten = () => waitForSeries<Series>(api, organizer, seriesId);

  beforeAll(async () => {
    api = await startApi();
    const admin = await api.token('admin');
    organizer = await api.token('organizer');
    planId = (
      await api.as(admin).post<Answer>('/plans', { communityName: 'Venus', year: 2026, title: 'Plan 2026' })
    ).body.id;
    residentId = (await api.as(admin).post<Answer>('/residents', { name: 'Li Wei', householdId: 'H-1' })).body
      .id;
  });
  afterAll(async () => api?.close());

  it('plans a monthly class on the 31st: one activity per month that has a 31st, at 19:00 Shanghai', async () => {
    const created = await api.as(organizer).post<Answer>('/activity-series', monthlyClass(planId), {
      headers: {
        'idempotency-key': 'series-1',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.events).toEqual([expect.objectContaining({ type: 'ActivitySeriesPlanned' })]);
    seriesId = created.body.id;
    const replay = await api.as(organizer).post<Answer>('/activity-series', monthlyClass(planId), {
      headers: {
        'idempotency-key': 'series-1',
      },
    });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(seriesId);
    const series = await seriesWhenWritten();
    expect(series.occurrences.map((o) => o.date)).toEqual([
      '2026-01-31',
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
      '2026-08-31',
      '2026-10-31',
      '2026-12-31',
    ]);
    expect(series.occurrences[0]!.window).toEqual({
      start: '2026-01-31T11:00:00.000Z',
      end: '2026-01-31T12:30:00.000Z',
    });
    const march = await api
      .as(organizer)
      .get<{ items: { activityId: string; seriesId?: string }[] }>(
        `/activities?planId=${planId}&from=2026-03-01&to=2026-03-31`,
      );
    expect(march.body.items).toEqual([
      expect.objectContaining({ activityId: series.occurrences[1]!.occurrenceId, seriesId }),
    ]);
  });

  it('registrations, attendance and the held record work on an occurrence', async () => {
    const first = (await seriesWhenWritten()).occurrences[0]!.occurrenceId;
    expect(
      (await api.as(organizer).post<Answer>(`/activities/${first}/registrations`, { residentId })).status,
    ).toBe(201);
    // Entered long after the class: an organizer's correction (issue 25).
    const entry = {
      residentId,
      method: 'organizer',
      at: '2026-01-31',
      correction: { reason: 'paper sheet' },
    };
    expect((await api.as(organizer).post<Answer>(`/activities/${first}/attendance`, entry)).status).toBe(201);
    expect(
      (
        await api
          .as(organizer)
          .post<Answer>(`/activities/${first}/held`, { heldOn: '2026-01-31', summary: 'Good manners' })
      ).status,
    ).toBe(201);
    const activity = await api
      .as(organizer)
      .get<{ status: string; attendanceCount: number; seriesId: string }>(`/activities/${first}`);
    expect(activity.body).toMatchObject({ status: 'held', attendanceCount: 1, seriesId });
  });

  it('"this and following" from the 4th occurrence moves it and the later ones, and only them', async () => {
    const before = await seriesWhenWritten();
    const fourth = before.occurrences[3]!;
    const moved = await api.as(organizer).post<Answer>(`/activity-series/${seriesId}/reschedule`, {
      scope: 'following',
      occurrenceId: fourth.occurrenceId,
      startTime: '19:30',
      venue: 'Library',
      reason: 'the hall is booked on summer evenings',
    });
    expect(moved.status).toBe(201);
    expect(moved.body.events).toEqual([expect.objectContaining({ type: 'ActivitySeriesChanged' })]);
    const after = await seriesWhenWritten();
    expect(after.occurrences.slice(0, 3).map((o) => o.window)).toEqual(
      before.occurrences.slice(0, 3).map((o) => o.window),
    );
    for (const o of after.occurrences.slice(3)) {
      expect(o.window.start).toBe(`${o.date}T11:30:00.000Z`);
      expect(o.window.end).toBe(`${o.date}T13:00:00.000Z`);
      expect(o.venue).toBe('Library');
    }
    const activity = await api
      .as(organizer)
      .get<{ window: { start: string }; rescheduled: unknown[] }>(`/activities/${fourth.occurrenceId}`);
    expect(activity.body.window.start).toBe('2026-07-31T11:30:00.000Z');
    expect(activity.body.rescheduled).toHaveLength(1);
    const unscoped = await api.as(organizer).post<Answer>(`/activity-series/${seriesId}/reschedule`, {
      scope: 'this',
      startTime: '10:00',
      reason: 'x',
    });
    expect(unscoped.status).toBe(400);
    expect(unscoped.body.code).toBe('occurrence-required');
  });

  it('cancelling "all" cancels every occurrence not yet held; the held one stays as it was', async () => {
    const cancelled = await api.as(organizer).post<Answer>(`/activity-series/${seriesId}/cancel`, {
      scope: 'all',
      reason: 'the school moves',
    });
    expect(cancelled.status).toBe(201);
    const series = await seriesWhenWritten();
    expect(series.status).toBe('cancelled');
    expect(series.occurrences.map((o) => o.status)).toEqual([
      'held',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(series.occurrences[0]!.attendanceCount).toBe(1);
    const again = await api
      .as(organizer)
      .post<Answer>(`/activity-series/${seriesId}/cancel`, { scope: 'all', reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('series-cancelled');
  });

  it('takes the first occurrence as POST /activities takes a window, and an RRULE: property line', async () => {
    const created = await api.as(organizer).post<Answer>('/activity-series', {
      planId,
      category: 'library-reading',
      format: 'reading',
      title: 'Library opening',
      partnerUnits: ['Venus Primary School'],
      window: { start: '2026-11-07T09:00:00+08:00', end: '2026-11-07T17:00:00+08:00' },
      recurrence: { rrule: 'RRULE:FREQ=WEEKLY;BYDAY=SA', count: 3 },
    });
    expect(created.status).toBe(201);
    await api.runtime.dispatcher.idle();
    const series = await api.as(organizer).get<Series>(`/activity-series/${created.body.id}`);
    expect(series.body.occurrences.map((o) => [o.date, o.window.start, o.window.end])).toEqual([
      ['2026-11-07', '2026-11-07T01:00:00.000Z', '2026-11-07T09:00:00.000Z'],
      ['2026-11-14', '2026-11-14T01:00:00.000Z', '2026-11-14T09:00:00.000Z'],
      ['2026-11-21', '2026-11-21T01:00:00.000Z', '2026-11-21T09:00:00.000Z'],
    ]);
    await api.runtime.dispatcher.idle();
    const first = await api
      .as(organizer)
      .get<{ partnerUnits?: string[] }>(`/activities/${series.body.occurrences[0]!.occurrenceId}`);
    expect(first.body.partnerUnits).toEqual(['Venus Primary School']);
    const neither = await api.as(organizer).post<Answer>('/activity-series', {
      planId,
      category: 'library-reading',
      format: 'reading',
      title: 'No start',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA', count: 3, durationMinutes: 60 },
    });
    expect(neither.status).toBe(400);
    const offRule = await api.as(organizer).post<Answer>('/activity-series', {
      planId,
      category: 'library-reading',
      format: 'reading',
      title: 'A Saturday window, a Sunday rule',
      window: { start: '2026-11-07T09:00:00+08:00', end: '2026-11-07T17:00:00+08:00' },
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', count: 3 },
    });
    expect(offRule.status).toBe(400);
    expect(offRule.body.code).toBe('invalid-recurrence');
  });

  it('refuses rules beyond the plan’s year or the subset, and residents', async () => {
    const body = monthlyClass(planId);
    const past = await api
      .as(organizer)
      .post<Answer>('/activity-series', { ...body, recurrence: { ...body.recurrence, count: 8 } });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('series-outside-plan-year');
    const daily = await api.as(organizer).post<Answer>('/activity-series', {
      ...body,
      recurrence: { ...body.recurrence, rrule: 'FREQ=DAILY' },
    });
    expect(daily.status).toBe(400);
    expect(daily.body.code).toBe('unsupported-recurrence');
    const resident = await api.token('resident', { sub: residentId });
    expect((await api.as(resident).post<Answer>('/activity-series', body)).status).toBe(403);
    expect((await api.as(organizer).get(`/activity-series/01JZ0000000000000000000000`)).status).toBe(404);
  });
});
