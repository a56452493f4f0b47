import * as z from 'zod';
import { articleDecider } from '../../../domain/article/article.decider.js';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { residentDecider } from '../../../domain/resident/resident.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { type ArticleDetail, articleKey } from '../../../domain/views/article.view.js';
import { ArticleKind, Verdict } from '../../../events/index.js';
import { assertActsFor, assertMayRead, holds, roleSets } from '../../app/authorization.js';
import { ApplicationError, appErrors } from '../../app/errors.js';
import { DomainRefusal } from '../../middleware/problem.js';
import { executeOn } from '../command-response.js';
import type { HttpDependencies } from '../dependencies.js';
import type { Principal } from '../principal.js';
import { defineRoute, type RouteRequest } from '../route.js';
import { CommandAnswer, Id, ListQuery, listOf, trimmed } from '../schemas.js';

/** Bodies live in one item each: keep them well under DynamoDB's 400 KB. */
const MAX_BODY_BYTES = 300 * 1024;
const Body = z
  .string()
  .min(1)
  .refine((text) => Buffer.byteLength(text) <= MAX_BODY_BYTES, `at most ${MAX_BODY_BYTES} bytes`);

const SubmitArticleBody = z
  .object({
    planId: Id,
    authorId: Id,
    kind: ArticleKind,
    title: trimmed(300),
    abstract: trimmed(2000).optional(),
    body: Body,
  })
  .strict()
  .meta({ id: 'SubmitArticle' });
const ReviseArticleBody = z
  .object({ title: trimmed(300).optional(), abstract: trimmed(2000).optional(), body: Body })
  .strict()
  .meta({ id: 'ReviseArticle' });
const ReviewBody = z
  .object({ verdict: Verdict, comments: trimmed(4000).optional() })
  .strict()
  .meta({ id: 'ReviewArticle' });
const ArticleParams = z.object({ articleId: Id });

export const Article = z
  .object({
    articleId: z.string(),
    planId: z.string(),
    authorId: z.string(),
    kind: ArticleKind,
    title: z.string(),
    abstract: z.string().optional(),
    status: z.enum(['submitted', 'revised', 'quality', 'accepted', 'needs-revision', 'rejected']),
    submittedAt: z.string(),
    revisions: z.number(),
    reviews: z.array(
      z.object({
        verdict: Verdict,
        comments: z.string().optional(),
        reviewerId: z.string(),
        recordedAt: z.string(),
      }),
    ),
    bodyBytes: z.number(),
    body: z.string().optional().describe('on GET /articles/{articleId} only'),
    version: z.number().int(),
  })
  .meta({ id: 'Article' });

function present(item: { data: ArticleDetail; appliedVersion: number }) {
  const { body, ...data } = item.data;
  return { ...data, bodyBytes: body.bytes, version: item.appliedVersion };
}

function onArticle(
  request: RouteRequest<unknown, unknown, unknown>,
  deps: HttpDependencies,
  articleId: string,
  command: Parameters<typeof articleDecider.decide>[0],
) {
  return executeOn(
    request,
    deps.commands,
    { decider: articleDecider, kind: 'article', id: articleId },
    command,
  );
}

/**
 * The article as its stream has it: a command authorizes against the write model, which already holds
 * the caller's own submission or review, where the view may not yet.
 */
async function articleOnRecord(deps: HttpDependencies, principal: Principal, articleId: string) {
  const loaded = await deps.commands.load(
    articleDecider,
    streamIdOf(principal.community, 'article', articleId),
  );
  if (loaded.state.status === 'none') throw appErrors.notFound(`article ${articleId}`);
  return loaded.state;
}

/** Who lists a plan's articles may open each of them; a resident lists and opens only their own. */
async function readArticle(deps: HttpDependencies, principal: Principal, articleId: string) {
  const item = await deps.views.get<ArticleDetail>(articleKey(principal.community, articleId));
  if (!item || item.deleted) throw appErrors.notFound(`article ${articleId}`);
  assertMayRead(principal, 'overseers', item.data.authorId, 'a resident reads only their own articles');
  return item;
}

export const articleRoutes = [
  defineRoute({
    method: 'POST',
    path: '/articles',
    operationId: 'submitArticle',
    summary:
      "Submit a party member's theory article, research report or reading essay (event ArticleSubmitted)",
    tag: 'Articles',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    body: SubmitArticleBody,
    response: { status: 201, description: 'The article was submitted', schema: CommandAnswer },
    async handle(request, deps) {
      const { body, principal } = request;
      assertActsFor(principal, body.authorId, 'a resident submits only their own articles');
      const [plan, author] = await Promise.all([
        deps.commands.load(planDecider, streamIdOf(principal.community, 'plan', body.planId)),
        deps.commands.load(residentDecider, streamIdOf(principal.community, 'resident', body.authorId)),
      ]);
      if (plan.state.status === 'none') throw new DomainRefusal(planErrors.notFound(body.planId));
      const articleId = request.ids.next();
      // The text is stored once before the event that names it; the event stays small.
      const { body: text, ...fields } = body;
      const ref = await deps.blobs.put(text);
      return onArticle(request, deps, articleId, {
        type: 'SubmitArticle',
        articleId,
        ...fields,
        body: ref,
        author: author.state.status === 'enrolled' ? { partyMember: author.state.partyMember } : undefined,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/articles/{articleId}/revisions',
    operationId: 'reviseArticle',
    summary: 'Submit a revised text after a needs-revision verdict',
    tag: 'Articles',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: ArticleParams,
    body: ReviseArticleBody,
    response: { status: 201, description: 'The revision was submitted', schema: CommandAnswer },
    async handle(request, deps) {
      const { params, body, principal } = request;
      const article = await articleOnRecord(deps, principal, params.articleId);
      assertActsFor(principal, article.authorId, 'a resident revises only their own articles');
      const { body: text, ...fields } = body;
      const ref = await deps.blobs.put(text);
      return onArticle(request, deps, params.articleId, {
        type: 'ReviseArticle',
        articleId: params.articleId,
        ...fields,
        body: ref,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/articles/{articleId}/reviews',
    operationId: 'reviewArticle',
    summary: 'Review an article: quality, accepted, needs-revision or rejected',
    tag: 'Articles',
    kind: 'command',
    roles: [...roleSets.staff],
    params: ArticleParams,
    body: ReviewBody,
    response: { status: 201, description: 'The review was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      const { params, body, principal } = request;
      return onArticle(request, deps, params.articleId, {
        type: 'ReviewArticle',
        articleId: params.articleId,
        ...body,
        reviewerId: principal.sub,
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/articles',
    operationId: 'listArticles',
    summary: "A plan's articles, optionally one author's (a resident lists their own)",
    tag: 'Articles',
    kind: 'query',
    roles: [...roleSets.overseers, 'resident'],
    query: ListQuery.extend({ planId: Id, authorId: Id.optional() }),
    response: { status: 200, description: 'A page of articles', schema: listOf(Article) },
    async handle({ query, principal }, deps) {
      const readsAll = holds(principal, 'overseers');
      const authorId = readsAll ? query.authorId : principal.sub;
      if (query.authorId && !readsAll && query.authorId !== principal.sub) {
        throw new ApplicationError(403, 'forbidden', 'a resident lists only their own articles');
      }
      const page = await deps.views.list<ArticleDetail>({
        list: `${principal.community}#articles#${query.planId}`,
        from: authorId ? `${authorId}#` : undefined,
        to: authorId ? `${authorId}#~` : undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return { status: 200, body: { items: page.items.map(present), nextCursor: page.nextCursor ?? null } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/articles/{articleId}',
    operationId: 'getArticle',
    summary: 'An article with its text and reviews',
    tag: 'Articles',
    kind: 'query',
    roles: [...roleSets.overseers, 'resident'],
    params: ArticleParams,
    response: { status: 200, description: 'The article', schema: Article },
    async handle({ params, principal }, deps) {
      const item = await readArticle(deps, principal, params.articleId);
      const body = await deps.blobs.get(item.data.body.sha256);
      return { status: 200, body: { ...present(item), body }, headers: { etag: `"${item.appliedVersion}"` } };
    },
  }),
];
