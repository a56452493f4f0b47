import { seedReading, seedRotation, seedStudyLeave } from './plan-duties.js';
import { ok, PAST_SIGN_IN, type SeedClient, type SeedSoFar } from './seed-client.js';

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
): Promise<number> {
  const seriesId = ok(await client.post('/activity-series', { planId: s.planId, ...body }, s.key(name)), name)
    .id as string;
  const series = ok(await client.get(`/activity-series/${seriesId}`), name) as { occurrences: Occurrence[] };
  let n = 0;
  for (const o of series.occurrences)
    if (Date.parse(o.window.end) < s.now.getTime()) await pastOccurrence(o, n++);
  return series.occurrences.length;
}

/**
 * The rest of the seed plan (issue 18): a monthly civilization-school class and a weekly library
 * opening as recurring series, a study-session leave and its make-up, the performance rotation, a
 * recommended book with reviews and an essay, and the members' study target.
 */
export async function seedRestOfPlan(client: SeedClient, s: SeedSoFar): Promise<{ occurrences: number }> {
  const { year, key } = s;
  const attend = async (activityId: string, residentId: string, at: string, what: string) =>
    ok(
      await client.post(
        `/activities/${activityId}/attendance`,
        { residentId, method: 'organizer', at, correction: PAST_SIGN_IN },
        key(what),
      ),
      'attendance',
    );
  const held = async (activityId: string, body: Record<string, unknown>, what: string) =>
    ok(await client.post(`/activities/${activityId}/held`, body, key(what)), 'held');

  const classes = await seedSeries(
    client,
    s,
    'series-civilization-school',
    {
      category: 'civilization-school',
      format: 'class',
      title: 'Civilization school class',
      venue: 'Community integrated cultural service station',
      lecturer: 'Civilization school lecturer',
      capacity: 80,
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', start: `${year}-01-15T19:00`, endTime: '20:30' },
    },
    async (o, n) => {
      const count = 5 + Math.floor(s.rnd() * 20);
      const people = [...s.residentIds].sort(() => s.rnd() - 0.5).slice(0, count);
      for (const [i, residentId] of people.entries())
        await attend(o.occurrenceId, residentId, o.window.start, `class-${n}-attend-${i}`);
      const september = o.date.startsWith(`${year}-09`);
      await held(
        o.occurrenceId,
        {
          heldOn: o.date,
          summary: `Civilization school class of ${o.date.slice(0, 7)}: held as planned; residents took part and the records were filed.`,
          lecturer: 'Civilization school lecturer',
          ...(september ? {} : { trainingPlan: 'Civic morality, safety and neighbourhood etiquette' }),
          headcount: count,
        },
        `class-${n}-held`,
      );
    },
  );
  const openings = await seedSeries(
    client,
    s,
    'series-library',
    {
      category: 'library-reading',
      format: 'reading',
      title: 'Regular opening of the community library',
      venue: 'Community library',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA', start: `${year}-01-03T09:00`, endTime: '17:00' },
    },
    async (o, n) =>
      void (await held(
        o.occurrenceId,
        { heldOn: o.date, summary: 'Open all day; books lent and returned.', headcount: 10 + (n % 25) },
        `library-${n}-held`,
      )),
  );

  await seedStudyLeave(client, s);
  await seedRotation(client, s);
  await seedReading(client, s);
  return { occurrences: classes + openings };
}
