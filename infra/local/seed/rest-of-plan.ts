import { ok, type SeedClient } from './seed-client.js';

/** What the main seed already made that the rest of the plan builds on. */
export interface SeedSoFar {
  readonly planId: string;
  readonly year: number;
  readonly now: Date;
  readonly residentIds: readonly string[];
  readonly members: readonly string[];
  /** Past study sessions (held or cancelled), oldest first, with who signed in. */
  readonly studySessions: readonly {
    id: string;
    start: string;
    held: boolean;
    attendees: readonly string[];
  }[];
  /** Future "rotating performance" activities: the rotation's slots. */
  readonly performances: readonly { id: string; start: string }[];
  readonly key: (what: string) => string;
  readonly rnd: () => number;
}

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
        { residentId, method: 'kiosk', at },
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

/**
 * A member who asked for leave before a session, was approved and made it up at the next one; and
 * the target that judges every member's study (attended or made up).
 */
async function seedStudyLeave(client: SeedClient, s: SeedSoFar) {
  const { key } = s;
  ok(
    await client.post(
      `/plans/${s.planId}/targets`,
      {
        targetId: 'members-study',
        description: 'Every party member attends or makes up every centralized study session',
        metric: 'members-study',
        minimum: 0,
        per: 'quarter',
      },
      key('target-members-study'),
    ),
    'members-study target',
  );
  const held = s.studySessions.filter((x) => x.held);
  for (let i = 0; i + 1 < held.length; i++) {
    const [missed, next] = [held[i]!, held[i + 1]!];
    const member = s.members.find((m) => !missed.attendees.includes(m));
    if (!member) continue;
    const asked = new Date(Date.parse(missed.start) - 2 * 86_400_000).toISOString();
    const leave = `/activities/${missed.id}/leave`;
    ok(
      await client.post(
        leave,
        { residentId: member, reason: 'On a business trip', requestedAt: asked },
        key('leave'),
      ),
      'leave',
    );
    ok(
      await client.post(
        `${leave}/${member}/approve`,
        { note: 'Make it up at the next session' },
        key('leave-ok'),
      ),
      'approve',
    );
    if (!next.attendees.includes(member))
      ok(
        await client.post(
          `/activities/${next.id}/attendance`,
          { residentId: member, method: 'organizer', at: next.start },
          key('leave-next'),
        ),
        'make-up attendance',
      );
    ok(
      await client.post(`${leave}/${member}/make-up`, { by: 'session', sessionId: next.id }, key('make-up')),
      'make-up',
    );
    return;
  }
}

/** The units and schools that perform in turn; drawn from a day's digest once that day has ended. */
async function seedRotation(client: SeedClient, s: SeedSoFar) {
  // The day after today (the server's today: a seed may run "as of" an earlier instant).
  const today = Math.max(s.now.getTime(), Date.now());
  const seedDay = new Date(today + 86_400_000).toISOString().slice(0, 10);
  const slots = s.performances.filter((p) => p.start.slice(0, 10) > seedDay).map((p) => p.id);
  const lastDay = `${s.year}-12-31`;
  if (seedDay >= lastDay) return;
  ok(
    await client.post(
      '/rotations',
      {
        planId: s.planId,
        title: 'Rotating performances by the units and schools of the area',
        participants: [
          { key: 'primary-school', name: 'Venus Primary School', kind: 'school' },
          { key: 'kindergarten', name: 'Sunflower Kindergarten', kind: 'school' },
          { key: 'middle-school', name: 'No. 2 Middle School', kind: 'school' },
          { key: 'police-station', name: 'Area police station', kind: 'unit' },
          { key: 'health-center', name: 'Community health service center', kind: 'unit' },
        ],
        slots: [...slots, { date: lastDay, label: "New Year's Eve gala" }],
        seedDay,
      },
      s.key('rotation'),
    ),
    'rotation',
  );
}

/** The family reading project: a recommended book, residents' reviews, and a reading essay tied to it. */
async function seedReading(client: SeedClient, s: SeedSoFar) {
  const bookId = ok(
    await client.post(
      '/books',
      {
        planId: s.planId,
        title: 'Ordinary World',
        author: 'Lu Yao',
        recommendedBy: 'Community library',
        reason: 'Family reading project: a book for three generations',
      },
      s.key('book'),
    ),
    'book',
  ).id as string;
  for (const [i, residentId] of s.residentIds.slice(10, 16).entries())
    ok(
      await client.post(
        `/books/${bookId}/reviews`,
        { residentId, rating: 3 + (i % 3), text: 'Read it with my family over the summer.' },
        s.key(`book-review-${i}`),
      ),
      'review',
    );
  const author = s.members[0]!;
  const essay = ok(
    await client.post(
      '/articles',
      {
        planId: s.planId,
        authorId: author,
        kind: 'reading-essay',
        title: 'Reading Ordinary World with my family',
        body: 'What a family learns from the Sun brothers. '.repeat(20),
      },
      s.key('reading-essay'),
    ),
    'reading essay',
  ).id as string;
  ok(await client.post(`/books/${bookId}/essays`, { articleId: essay }, s.key('book-essay')), 'essay link');
}
