import { dayOfYearUpTo, shanghaiDay } from './articles-and-deeds.js';
import { randomFor } from './plan-template.js';
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
        description: s.words.studyTarget,
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
        { residentId: member, reason: s.words.leaveReason, requestedAt: asked },
        key('leave'),
      ),
      'leave',
    );
    ok(
      await client.post(`${leave}/${member}/approve`, { note: s.words.leaveNote }, key('leave-ok')),
      'approve',
    );
    if (!next.attendees.includes(member))
      ok(
        await client.post(
          `/activities/${next.id}/attendance`,
          {
            residentId: member,
            method: 'organizer',
            at: new Date(Date.parse(next.start) + 60_000).toISOString(),
            correction: PAST_SIGN_IN,
          },
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
        title: s.words.rotation.title,
        participants: s.words.rotation.participants,
        slots: [...slots, { date: lastDay, label: s.words.rotation.gala }],
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
        title: s.words.book.title,
        author: s.words.book.author,
        recommendedBy: s.words.book.recommendedBy,
        reason: s.words.book.reason,
      },
      s.key('book'),
    ),
    'book',
  ).id as string;
  for (const [i, residentId] of s.residentIds.slice(10, 16).entries())
    ok(
      await client.post(
        `/books/${bookId}/reviews`,
        { residentId, rating: 3 + (i % 3), text: s.words.book.review },
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
        title: s.words.essay.title,
        body: s.words.essay.body,
        writtenOn: dayOfYearUpTo(s.year, shanghaiDay(s.now, -1), randomFor(s.year, 'reading-essay')),
      },
      s.key('reading-essay'),
    ),
    'reading essay',
  ).id as string;
  ok(await client.post(`/books/${bookId}/essays`, { articleId: essay }, s.key('book-essay')), 'essay link');
}
