import type { Target } from '../../events/index.js';
import { partyMembersOnly } from '../article/article.decider.js';
import type { ArticleDetail } from '../article/article.view.js';
import type { PeriodBounds } from '../shared/time.js';
import { inPeriod } from '../shared/time.js';
import { recordedBy, status } from './as-of.js';
import { type ComplianceItem, type Judgement, rowOf } from './compliance-item.js';

/** When an article became quality, as recorded by `instant`: its latest verdict then must be `quality`. */
function qualitySince(article: ArticleDetail, instant: number): string | undefined {
  const reviews = article.reviews.filter((r) => recordedBy(r.recordedAt, instant));
  return reviews.at(-1)?.verdict === 'quality' ? reviews.at(-1)!.recordedAt : undefined;
}

/** `articles-per-member`: each party member's articles that became quality in the period. */
export function articlesPerMemberItem(
  target: Target,
  period: PeriodBounds,
  { facts, members, instant }: Judgement,
): ComplianceItem {
  const qualityByAuthor = new Map<string, string[]>();
  for (const article of facts.articles) {
    if (!partyMembersOnly.includes(article.kind) || !recordedBy(article.submittedAt, instant)) continue;
    const since = qualitySince(article, instant);
    if (!since || !inPeriod(since, period)) continue;
    qualityByAuthor.set(article.authorId, [
      ...(qualityByAuthor.get(article.authorId) ?? []),
      article.articleId,
    ]);
  }
  const shortMembers = members.filter((m) => (qualityByAuthor.get(m)?.length ?? 0) < target.minimum).sort();
  const evidence = members.flatMap((m) => qualityByAuthor.get(m) ?? []).sort();
  const actual = members.length - shortMembers.length;
  return {
    ...rowOf(target, period),
    required: members.length,
    actual,
    // Articles can be written until the period ends: an open period is never judged at risk.
    status: status(actual, members.length, period, instant, true),
    evidence,
    shortMembers,
    minimumPerMember: target.minimum,
  };
}
