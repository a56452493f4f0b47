import { seedReading, seedRotation, seedStudyLeave } from './plan-duties.js';
import { randomFor, shuffled } from './plan-template.js';
import { inPool, ok, PAST_SIGN_IN, type SeedClient, type SeedSoFar } from './seed-client.js';

type Occurrence = { occurrenceId: string; date: string; window: { start: string; end: string } };

/**
 * A recurring series as the organizer posts it; then, for occurrences already past, the sign-ins and
 * the record of each (the September class without its training plan: the gap compliance shows).
 */
async function seedSeries(
  client: SeedClient,
  s: SeedSoFar,
  name: string,
  body: Record<string, unknown>,
  pastOccurrence: (o: Occurrence, n: number) => Promise<void>,
  comingOccurrence: (o: Occurrence, n: number) => Promise<void>,
): Promise<number> {
  const seriesId = ok(await client.post('/activity-series', { planId: s.planId, ...body }, s.key(name)), name)
    .id as string;
  const series = ok(await client.get(`/activity-series/${seriesId}`), name) as { occurrences: Occurrence[] };
  const past = series.occurrences.filter((o) => Date.parse(o.window.end) < s.now.getTime());
  const coming = series.occurrences.filter((o) => Date.parse(o.window.start) > s.now.getTime());
  // Each occurrence draws from its own generator, so they can be written side by side.
  await inPool(past, 4, pastOccurrence);
  await inPool(coming.slice(0, COMING_WITH_REGISTRATIONS), 2, comingOccurrence);
  return series.occurrences.length;
}

/** The next occurrences of a series that residents have registered for: sign-in sheets with names. */
const COMING_WITH_REGISTRATIONS = 2;

/**
 * The rest of the seed plan (issue 18): a monthly civilization-school class and a weekly library
 * opening as recurring series, a study-session leave and its make-up, the performance rotation, a
 * recommended book with reviews and an essay, and the members' study target.
 */
export async function seedRestOfPlan(
  client: SeedClient,
  s: SeedSoFar,
): Promise<{ occurrences: number; attendances: number; held: number; registrations: number }> {
  const { year, key, words } = s;
  let attendances = 0;
  let heldCount = 0;
  // Residents sign in as the session begins: one every 50 seconds or so, from its start.
  const signInAt = (start: string, n: number, rnd: () => number) =>
    new Date(Date.parse(start) + n * 50_000 + Math.floor(rnd() * 45_000)).toISOString();
  const attend = async (activityId: string, residentId: string, at: string, what: string) => {
    attendances++;
    return ok(
      await client.post(
        `/activities/${activityId}/attendance`,
        { residentId, method: 'organizer', at, correction: PAST_SIGN_IN },
        key(what),
      ),
      'attendance',
    );
  };
  let registrations = 0;
  const register = (what: string, capacity: number) => async (o: Occurrence, n: number) => {
    const rnd = randomFor(year, `${what}-${n}-registrations`);
    const people = shuffled(s.residentIds, rnd).slice(0, Math.min(capacity, 12 + Math.floor(rnd() * 30)));
    await inPool(people, 4, async (residentId, i) => {
      ok(
        await client.post(
          `/activities/${o.occurrenceId}/registrations`,
          { residentId },
          key(`${what}-${n}-register-${i}`),
        ),
        'registration',
      );
      registrations++;
    });
  };
  const held = async (activityId: string, body: Record<string, unknown>, what: string) => {
    heldCount++;
    return ok(await client.post(`/activities/${activityId}/held`, body, key(what)), 'held');
  };

  const classes = await seedSeries(
    client,
    s,
    'series-civilization-school',
    {
      category: 'civilization-school',
      format: 'class',
      title: words.classSeries.title,
      venue: words.classSeries.venue,
      lecturer: words.classSeries.lecturer,
      capacity: 80,
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', start: `${year}-01-15T19:00`, endTime: '20:30' },
    },
    async (o, n) => {
      const rnd = randomFor(year, `class-${n}`);
      const count = 5 + Math.floor(rnd() * 20);
      const people = shuffled(s.residentIds, rnd).slice(0, count);
      for (const [i, residentId] of people.entries())
        await attend(o.occurrenceId, residentId, signInAt(o.window.start, i, rnd), `class-${n}-attend-${i}`);
      const september = o.date.startsWith(`${year}-09`);
      await held(
        o.occurrenceId,
        {
          heldOn: o.date,
          summary: words.classSummary(o.date.slice(0, 7), count),
          lecturer: words.classSeries.lecturer,
          ...(september ? {} : { trainingPlan: words.classSeries.trainingPlan }),
          headcount: count,
        },
        `class-${n}-held`,
      );
    },
    register('class', 80),
  );
  const openings = await seedSeries(
    client,
    s,
    'series-library',
    {
      category: 'library-reading',
      format: 'reading',
      title: words.librarySeries.title,
      venue: words.librarySeries.venue,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA', start: `${year}-01-03T09:00`, endTime: '17:00' },
    },
    // An opening is held with the readers who came: they sign in at the kiosk through the day.
    async (o, n) => {
      const rnd = randomFor(year, `library-${n}`);
      const readers = shuffled(s.residentIds, rnd).slice(0, 2 + Math.floor(rnd() * 4));
      const day = Date.parse(o.window.start);
      const hours = Date.parse(o.window.end) - day;
      const times = readers.map(() => day + Math.floor(rnd() * hours)).sort((a, b) => a - b);
      for (const [i, residentId] of readers.entries())
        await attend(
          o.occurrenceId,
          residentId,
          new Date(times[i]!).toISOString(),
          `library-${n}-attend-${i}`,
        );
      await held(
        o.occurrenceId,
        { heldOn: o.date, summary: words.librarySummary(readers.length), headcount: readers.length },
        `library-${n}-held`,
      );
    },
    register('library', 40),
  );

  await seedStudyLeave(client, s);
  await seedRotation(client, s);
  await seedReading(client, s);
  return { occurrences: classes + openings, attendances, held: heldCount, registrations };
}
