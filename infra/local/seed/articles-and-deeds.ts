import type { DemoWords } from './demo-wording.js';
import { inPool, ok, type SeedClient } from './seed-client.js';

interface Seeding {
  readonly planId: string;
  readonly key: (what: string) => string;
  readonly words: DemoWords;
}

/** Party members' articles: most have a quality one, a few wait for revision, some have none yet. */
export async function seedArticles(
  client: SeedClient,
  s: Seeding & { members: readonly string[] },
  log: (line: string) => void,
) {
  const { planId, members, key, words } = s;
  const verdicts = ['quality', 'quality', 'quality', 'accepted', 'needs-revision'] as const;
  const authors = members.slice(0, 24);
  await inPool(authors, 6, async (authorId, i) => {
    const kind = i % 3 === 2 ? 'research-report' : 'theory-article';
    const article = {
      planId,
      authorId,
      kind,
      title: words.article(kind, i + 1),
      abstract: words.articleAbstract,
      body: words.articleBody,
    };
    const articleId = ok(await client.post('/articles', article, key(`article-${i}`)), 'article')
      .id as string;
    const review = { verdict: verdicts[i % verdicts.length], comments: words.reviewComments };
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
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
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
