import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { seriesWhenWritten as waitForSeries } from '../support/series.js';

type Answer = Record<string, unknown> & {
  id: string;
  code?: string;
  events: { type: string }[];
};
interface Activity {
  activityId: string;
  status: string;
  venue?: string;
  lecturer?: string;
  seriesId?: string;
  detailsChanged?: { venue?: string; lecturer?: string; reason: string }[];
}
interface Series {
  occurrences: { occurrenceId: string; status: string; venue?: string; lecturer?: string }[];
  occurrencesWritten: boolean;
}

/** Seven monthly classes (every month with a 31st), in the community hall with Teacher Zhou. */
const monthlyClass = (planId: string) => ({
  planId,
  category: 'civilization-school',
  format: 'class',
  title: 'Civilization school: monthly class',
  venue: 'Community hall',
  lecturer: 'Teacher Zhou',
  recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', start: '2026-01-31T19:00', endTime: '20:30' },
});

describe('a series change of venue or lecturer reaches its occurrences’ activities', () => {
  let api: TestApi;
  let organizer: string;
  let planId: string;
  let seriesId: string;
  let ids: string[];
  const activity = async (id: string) => (await api.as(organizer).get<Activity>(`/activities/${id}`)).body;
  const seriesWhenWritten = () => waitForSeries<Series>(api, organizer, seriesId);

  beforeAll(async () => {
    api = await startApi();
    const admin = await api.token('admin');
    organizer = await api.token('organizer');
    planId = (
      await api.call<Answer>('POST', '/plans', {
        token: admin,
        body: { communityName: 'Venus', year: 2026, title: 'Plan 2026' },
      })
    ).body.id;
    seriesId = (await api.as(organizer).post<Answer>('/activity-series', monthlyClass(planId))).body.id;
    ids = (await seriesWhenWritten()).occurrences.map((o) => o.occurrenceId);
    expect(ids).toHaveLength(7);
  });
  afterAll(async () => api?.close());

  it('GET /activities?seriesId= lists exactly the series’ occurrences', async () => {
    const single = await api.as(organizer).post<Answer>('/activities', {
      planId,
      category: 'civilization-school',
      format: 'class',
      title: 'A one-off class',
      window: { start: '2026-03-31', end: '2026-03-31' },
    });
    expect(single.status).toBe(201);
    const other = await api.as(organizer).post<Answer>('/activity-series', {
      ...monthlyClass(planId),
      title: 'Another series',
      recurrence: {
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=2',
        start: '2026-01-31T09:00',
        endTime: '10:00',
      },
    });
    expect(other.status).toBe(201);
    const listed = await api
      .as(organizer)
      .get<{ items: Activity[] }>(`/activities?seriesId=${seriesId}&limit=500`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i) => i.activityId).sort()).toEqual([...ids].sort());
    expect(listed.body.items.every((i) => i.seriesId === seriesId)).toBe(true);
    const march = await api
      .as(organizer)
      .get<{ items: Activity[] }>(`/activities?seriesId=${seriesId}&from=2026-03-01&to=2026-03-31`);
    expect(march.body.items.map((i) => i.activityId)).toEqual([ids[1]]);
    expect(
      (await api.as(organizer).get<{ items: Activity[] }>(`/activities?seriesId=${other.body.id}`)).body
        .items,
    ).toHaveLength(2);
  });

  it('"following" from the 4th occurrence: the 4th and later show the new venue and lecturer, the first three and a held one do not', async () => {
    // The 5th was held (31 August; `held` is never dated before its window): the series does not rewrite its record.
    expect(
      (
        await api
          .as(organizer)
          .post<Answer>(`/activities/${ids[4]}/held`, { heldOn: '2026-08-31', summary: 'Held' })
      ).status,
    ).toBe(201);
    const change = {
      scope: 'following',
      occurrenceId: ids[3],
      venue: 'Library',
      lecturer: 'Teacher Wang',
      reason: 'the hall is under repair',
    };
    const changed = await api.as(organizer).post<Answer>(`/activity-series/${seriesId}/reschedule`, change, {
      headers: {
        'idempotency-key': 'venue-1',
      },
    });
    expect(changed.status).toBe(201);
    expect(changed.body.events).toEqual([expect.objectContaining({ type: 'ActivitySeriesChanged' })]);
    await seriesWhenWritten();
    for (const [i, id] of ids.entries()) {
      const a = await activity(id);
      const moved = i >= 3 && i !== 4;
      expect(a, `occurrence ${i + 1}`).toMatchObject(
        moved
          ? {
              venue: 'Library',
              lecturer: 'Teacher Wang',
              detailsChanged: [{ reason: 'the hall is under repair' }],
            }
          : { venue: 'Community hall', lecturer: 'Teacher Zhou' },
      );
      if (!moved) expect(a.detailsChanged).toBeUndefined();
    }
    const listed = await api
      .as(organizer)
      .get<{ items: Activity[] }>(`/activities?seriesId=${seriesId}&from=2026-10-01`);
    expect(listed.body.items.map((i) => i.venue)).toEqual(['Library', 'Library']);
    // The same request again writes nothing more.
    const replay = await api.as(organizer).post<Answer>(`/activity-series/${seriesId}/reschedule`, change, {
      headers: {
        'idempotency-key': 'venue-1',
      },
    });
    expect(replay.status).toBe(200);
    expect((await activity(ids[3]!)).detailsChanged).toHaveLength(1);
  });

  it('POST /activities/{id}/details changes one activity; the same change again writes nothing; a held one refuses', async () => {
    const changed = await api
      .as(organizer)
      .post<Answer>(`/activities/${ids[1]}/details`, { lecturer: 'Teacher Li', reason: 'ill' });
    expect(changed.status).toBe(201);
    expect(changed.body.events).toEqual([expect.objectContaining({ type: 'ActivityDetailsChanged' })]);
    expect(await activity(ids[1]!)).toMatchObject({ venue: 'Community hall', lecturer: 'Teacher Li' });
    const same = await api
      .as(organizer)
      .post<Answer>(`/activities/${ids[1]}/details`, { lecturer: 'Teacher Li', reason: 'ill' });
    expect(same.status).toBe(200);
    expect(same.body.events).toEqual([]);
    const empty = await api
      .as(organizer)
      .post<Answer>(`/activities/${ids[1]}/details`, { reason: 'nothing' });
    expect(empty.status).toBe(400);
    const held = await api
      .as(organizer)
      .post<Answer>(`/activities/${ids[4]}/details`, { venue: 'Library', reason: 'x' });
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('activity-already-held');
    const resident = await api.token('resident');
    expect(
      (
        await api.call('POST', `/activities/${ids[1]}/details`, {
          token: resident,
          body: { venue: 'x', reason: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('a later change of "all" lecturers leaves one changed on its own activity since', async () => {
    const all = await api.as(organizer).post<Answer>(`/activity-series/${seriesId}/reschedule`, {
      scope: 'all',
      lecturer: 'Teacher Sun',
      reason: 'a new teacher for the year',
    });
    expect(all.status).toBe(201);
    await seriesWhenWritten();
    const lecturers = [];
    for (const id of ids) lecturers.push((await activity(id)).lecturer);
    expect(lecturers).toEqual([
      'Teacher Sun',
      'Teacher Li',
      'Teacher Sun',
      'Teacher Sun',
      'Teacher Zhou',
      'Teacher Sun',
      'Teacher Sun',
    ]);
    expect((await activity(ids[5]!)).venue).toBe('Library');
  });
});
