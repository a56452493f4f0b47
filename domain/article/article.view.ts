import * as z from 'zod';
import { ArticleSubmitted, type DomainEvent, Verdict } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import {
  type DocumentGroup,
  type EventContext,
  type ListSlice,
  listPrefixed,
  type Projection,
} from '../shared/projection.js';

/** The article with its review history; the body is the digest of the stored text. */
export const ArticleDetail = z.object({
  /** What was submitted, as its event declares it (a revision replaces title, abstract and body). */
  ...ArticleSubmitted.schema.shape,
  status: z.enum(['submitted', 'revised', ...Verdict.options]),
  submittedAt: z.string(),
  revisions: z.number(),
  reviews: z.array(
    z.object({
      verdict: Verdict,
      comments: z.string().optional(),
      reviewerId: z.string(),
      reviewedOn: z.string().optional(),
      recordedAt: z.string(),
    }),
  ),
});
export type ArticleDetail = z.infer<typeof ArticleDetail>;

/** Under the author: one of the articles they wrote. */
export const AuthoredArticle = z.object({ articleId: z.string(), planId: z.string() });
export type AuthoredArticle = z.infer<typeof AuthoredArticle>;

export const articleKey = (community: string, articleId: string) => ({
  community,
  view: 'article',
  id: [articleId],
});
export const authoredKey = (community: string, authorId: string, articleId: string) => ({
  community,
  view: 'authored',
  id: [authorId, articleId],
});
/** The articles a resident wrote, grouped under the resident. */
export const authoredBy = (community: string, authorId: string): DocumentGroup => ({
  community,
  view: 'authored',
  within: [authorId],
});
/** A plan's articles, by author. */
export const articlesList = (community: string, planId: string) => ({
  community,
  list: 'articles',
  of: planId,
});
/** A plan's articles, or one author's of them. */
export const planArticles = (community: string, planId: string, authorId?: string): ListSlice =>
  listPrefixed(articlesList(community, planId), authorId);
const articleIdOf = (context: EventContext) => entityIdOf(context.streamId);

/** The article with its review history; listed per plan by author. Compliance reads the same items. */
export const articleDetails: Projection<DomainEvent, ArticleDetail> = {
  name: 'article-details',
  schema: ArticleDetail,
  touches(event, context) {
    switch (event.type) {
      case 'ArticleSubmitted':
      case 'ArticleRevised':
      case 'ArticleReviewed':
        return [articleKey(context.community, articleIdOf(context))];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    if (event.type === 'ArticleSubmitted') {
      return {
        data: {
          ...event.data,
          status: 'submitted',
          submittedAt: context.recordedAt,
          revisions: 0,
          reviews: [],
        },
        placement: {
          list: articlesList(context.community, event.data.planId),
          order: [event.data.authorId, event.data.articleId],
        },
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

/** Under the author: which articles they wrote (for their participation and `?authorId=`). */
export const authoredArticles: Projection<DomainEvent, AuthoredArticle> = {
  name: 'authored-articles',
  schema: AuthoredArticle,
  touches(event, context) {
    return event.type === 'ArticleSubmitted'
      ? [authoredKey(context.community, event.data.authorId, event.data.articleId)]
      : [];
  },
  evolve(current, event) {
    return event.type === 'ArticleSubmitted'
      ? { data: { articleId: event.data.articleId, planId: event.data.planId } }
      : (current ?? null);
  },
};
