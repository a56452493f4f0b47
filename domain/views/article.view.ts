import type { ArticleKind, DomainEvent, Verdict } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { EventContext, Projection } from './projection.js';

export type ArticleDetail = {
  articleId: string;
  planId: string;
  authorId: string;
  kind: ArticleKind;
  title: string;
  abstract?: string;
  body: { sha256: string; bytes: number };
  status: 'submitted' | 'revised' | Verdict;
  submittedAt: string;
  revisions: number;
  reviews: { verdict: Verdict; comments?: string; reviewerId: string; recordedAt: string }[];
};

export const articleKey = (community: string, articleId: string) => ({
  pk: `${community}#article#${articleId}`,
  sk: 'detail',
});
export const authoredKey = (community: string, authorId: string, articleId: string) => ({
  pk: `${community}#resident#${authorId}`,
  sk: `article#${articleId}`,
});
const articleIdOf = (context: EventContext) => entityIdOf(context.streamId);

/** The article with its review history; listed per plan by author. Compliance reads the same items. */
export const articleDetails: Projection<DomainEvent, ArticleDetail> = {
  name: 'article-details',
  keys(event, context) {
    switch (event.type) {
      case 'ArticleSubmitted':
      case 'ArticleRevised':
      case 'ArticleReviewed':
        return [articleKey(context.community, articleIdOf(context))];
      default:
        return [];
    }
  },
  apply(current, event, context) {
    if (event.type === 'ArticleSubmitted') {
      return {
        data: {
          ...event.data,
          status: 'submitted',
          submittedAt: context.recordedAt,
          revisions: 0,
          reviews: [],
        },
        gsi1pk: `${context.community}#articles#${event.data.planId}`,
        gsi1sk: `${event.data.authorId}#${event.data.articleId}`,
      };
    }
    if (!current) return null;
    const data = current.data;
    switch (event.type) {
      case 'ArticleRevised':
        return {
          ...current,
          data: { ...data, ...event.data, status: 'revised', revisions: data.revisions + 1 },
        };
      case 'ArticleReviewed':
        return {
          ...current,
          data: {
            ...data,
            status: event.data.verdict,
            reviews: [...data.reviews, { ...event.data, recordedAt: context.recordedAt }],
          },
        };
      default:
        return current;
    }
  },
};

/** In the author's partition: which articles they wrote (for their participation and `?authorId=`). */
export const authoredArticles: Projection<DomainEvent, { articleId: string; planId: string }> = {
  name: 'authored-articles',
  keys(event, context) {
    return event.type === 'ArticleSubmitted'
      ? [authoredKey(context.community, event.data.authorId, event.data.articleId)]
      : [];
  },
  apply(current, event) {
    return event.type === 'ArticleSubmitted'
      ? { data: { articleId: event.data.articleId, planId: event.data.planId } }
      : (current ?? null);
  },
};
