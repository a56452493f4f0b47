import type { Target } from '../../events/index.js';
import { partyMembersOnly } from '../article/article.decider.js';
import type { ArticleDetail } from '../article/article.view.js';
import { writtenAt } from '../article/article-dates.js';
import type { PeriodBounds } from '../shared/time.js';
import { inPeriod } from '../shared/time.js';
import { recordedBy, status } from './as-of.js';
import { type ComplianceItem, type Judgement, rowOf } from './compliance-item.js';

/** Whether an article is quality as recorded by `instant`: its latest verdict then. */
function qualityBy(article: ArticleDetail, instant: number): boolean {
  const reviews = article.reviews.filter((r) => recordedBy(r.recordedAt, instant));
  return reviews.at(-1)?.verdict === 'quality';
}

/**
 * `articles-per-member`: each party member's quality articles written in the period (the day the
 * author wrote it, not the day it was entered or judged), as known by the instant.
 */
export function articlesPerMemberItem(
  target: Target,
  period: PeriodBounds,
  { facts, members, instant }: Judgement,
): ComplianceItem {
  const qualityByAuthor = new Map<string, string[]>();
  for (const article of facts.articles) {
    if (!partyMembersOnly.includes(article.kind) || !recordedBy(article.submittedAt, instant)) continue;
    if (!qualityBy(article, instant) || !inPeriod(writtenAt(article, facts.plan.timeZone), period)) continue;
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
