import type { DemoWords } from './demo-wording.js';
import { randomFor } from './plan-template.js';
import { inPool, ok, type SeedClient } from './seed-client.js';

const DAY_MS = 86_400_000;
/** The demo's `yyyy-mm-dd` in Shanghai (the seed plan's zone) `days` after `now`. */
export const shanghaiDay = (now: Date, days = 0) =>
  new Date(now.getTime() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A day of `year` up to `last` (`yyyy-mm-dd`), drawn by `rnd`; `last` itself when it falls before the
 * year began (a demo loaded on 1 January).
 */
export function dayOfYearUpTo(year: number, last: string, rnd: () => number): string {
  const first = Date.UTC(year, 0, 1);
  const days = Math.max(0, Math.round((Date.parse(`${last}T00:00:00Z`) - first) / DAY_MS));
  if (days === 0) return last < `${year}-01-01` ? `${year}-01-01` : last;
  return new Date(first + Math.floor(rnd() * (days + 1)) * DAY_MS).toISOString().slice(0, 10);
}

interface Seeding {
  readonly planId: string;
  readonly key: (what: string) => string;
  readonly words: DemoWords;
}

/**
 * Party members' articles: most have a quality one, a few wait for revision, some have none yet.
 * Each is written on a day of the year so far and reviewed a few days later (never after today),
 * drawn by a generator seeded by the year and the article, so every seed dates them alike.
 */
export async function seedArticles(
  client: SeedClient,
  s: Seeding & { members: readonly string[]; year: number; now: Date },
  log: (line: string) => void,
) {
  const { planId, members, key, words, year, now } = s;
  const today = shanghaiDay(now);
  const verdicts = ['quality', 'quality', 'quality', 'accepted', 'needs-revision'] as const;
  const authors = members.slice(0, 24);
  await inPool(authors, 6, async (authorId, i) => {
    const kind = i % 3 === 2 ? 'research-report' : 'theory-article';
    const rnd = randomFor(year, `article-${i}`);
    // Written by yesterday, so that its review, 2 to 20 days on, can fall on a day already past too.
    const writtenOn = dayOfYearUpTo(year, shanghaiDay(now, -1), rnd);
    const later = new Date(Date.parse(`${writtenOn}T00:00:00Z`) + (2 + Math.floor(rnd() * 19)) * DAY_MS);
    const reviewedOn = [later.toISOString().slice(0, 10), today].sort()[0]!;
    const article = {
      planId,
      authorId,
      kind,
      title: words.article(kind, i + 1),
      abstract: words.articleAbstract,
      body: words.articleBody,
      writtenOn,
    };
    const articleId = ok(await client.post('/articles', article, key(`article-${i}`)), 'article')
      .id as string;
    const review = { verdict: verdicts[i % verdicts.length], comments: words.reviewComments, reviewedOn };
    ok(await client.post(`/articles/${articleId}/reviews`, review, key(`review-${i}`)), 'review');
  });
  log(
    `${authors.length} articles by party members; ${members.length - authors.length} members have none yet`,
  );
}

/** Good deeds over the year, each on its own day (those still to come are not recorded yet). */
export async function seedGoodDeeds(
  client: SeedClient,
  s: Seeding & { year: number; now: Date; residentIds: readonly string[] },
) {
  const { planId, year, now, residentIds, key, words } = s;
  const today = shanghaiDay(now);
  for (const [n, deed] of words.deeds.entries()) {
    const date = `${year}-${deed.monthDay}`;
    if (date > today) continue;
    const body = {
      planId,
      residentIds: n === 0 ? [residentIds[3]!, residentIds[40]!] : [residentIds[20 + n * 17]!],
      title: deed.title,
      description: deed.description,
      date,
    };
    ok(await client.post('/good-deeds', body, key(n === 0 ? 'deed-1' : `deed-${n + 1}`)), 'good deed');
  }
}
