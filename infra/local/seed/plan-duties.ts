import { ok, PAST_SIGN_IN, type SeedClient, type SeedSoFar } from './seed-client.js';

/**
 * A member who asked for leave before a session, was approved and made it up at the next one; and
 * the target that judges every member's study (attended or made up).
 */
export async function seedStudyLeave(client: SeedClient, s: SeedSoFar) {
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
          { residentId: member, method: 'organizer', at: next.start, correction: PAST_SIGN_IN },
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
export async function seedRotation(client: SeedClient, s: SeedSoFar) {
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
export async function seedReading(client: SeedClient, s: SeedSoFar) {
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
