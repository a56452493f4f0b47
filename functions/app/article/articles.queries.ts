import { type ArticleDetail, articleKey, planArticles } from '../../../domain/article/article.view.js';
import { assertMayRead, holds, isResident, ownResidentId } from '../authorization.js';
import type { BlobStore } from '../blob-store.js';
import { ApplicationError, appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import type { StoredView, ViewStore } from '../view-store.js';

export interface ArticleQueryDeps {
  readonly views: ViewStore;
  readonly blobs: Pick<BlobStore, 'get'>;
}

/** An article as listed: its fields, the size of its body (not the body) and its version. */
export type ArticleSeen = Omit<ArticleDetail, 'body'> & {
  readonly bodyBytes: number;
  readonly version: number;
};

function present(item: StoredView<ArticleDetail>): ArticleSeen {
  const { body, ...data } = item.data;
  return { ...data, bodyBytes: body.bytes, version: item.appliedVersion };
}

/** A plan's articles, optionally one author's. The overseers list every one; a resident only their own. */
export async function listArticles(
  deps: Pick<ArticleQueryDeps, 'views'>,
  reader: Actor,
  input: PageInput & { readonly planId: string; readonly authorId?: string | undefined },
): Promise<Page<ArticleSeen>> {
  const readsAll = holds(reader, 'overseers');
  if (input.authorId && !readsAll && !isResident(reader, input.authorId)) {
    throw new ApplicationError('forbidden', 'forbidden', 'a resident lists only their own articles');
  }
  // Anyone else lists their own, and an account linked to no resident has none (403, not everyone's).
  const authorId = readsAll ? input.authorId : ownResidentId(reader);
  const page = await deps.views.list<ArticleDetail>({
    ...planArticles(reader.community, input.planId, authorId),
    limit: input.limit,
    cursor: input.cursor,
  });
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

/** An article with its text and reviews: who lists a plan's articles may open each; a resident only their own. */
export async function getArticle(
  deps: ArticleQueryDeps,
  reader: Actor,
  input: { readonly articleId: string },
): Promise<ArticleSeen & { readonly body: string | undefined }> {
  const item = await deps.views.get<ArticleDetail>(articleKey(reader.community, input.articleId));
  if (!item || item.deleted) throw appErrors.notFound(`article ${input.articleId}`);
  assertMayRead(reader, 'overseers', item.data.authorId, 'a resident reads only their own articles');
  const body = await deps.blobs.get(item.data.body.sha256);
  return { ...present(item), body };
}
