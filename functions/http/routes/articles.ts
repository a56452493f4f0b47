import * as z from 'zod';
import { ArticleDetail } from '../../../domain/article/article.view.js';
import { ArticleKind, Verdict } from '../../../events/index.js';
import { roleSets } from '../../app/authorization.js';
import { reviewArticle, reviseArticle, submitArticle } from '../command-cases.js';
import { getArticle, listArticles } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, LocalDate, listOf, trimmed } from '../schemas.js';
import { commandAnswer } from '../use-case-answer.js';

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
    writtenOn: LocalDate.optional().describe(
      "The day the author wrote or handed in the article, in the plan's time zone: in the plan's year, not after today (defaults to today). Reports, the work ledger and compliance date the article by it",
    ),
  })
  .strict()
  .meta({ id: 'SubmitArticle' });
const ReviseArticleBody = z
  .object({ title: trimmed(300).optional(), abstract: trimmed(2000).optional(), body: Body })
  .strict()
  .meta({ id: 'ReviseArticle' });
const ReviewBody = z
  .object({
    verdict: Verdict,
    comments: trimmed(4000).optional(),
    reviewedOn: LocalDate.optional().describe(
      "The day the article was reviewed, in the plan's time zone: not before it was written, not after today (defaults to today)",
    ),
  })
  .strict()
  .meta({ id: 'ReviewArticle' });
const ArticleParams = z.object({ articleId: Id });

/** The article view with the size of its text instead of the text's digest (the text itself on GET by id). */
export const Article = ArticleDetail.omit({ body: true })
  .extend({
    bodyBytes: z.number(),
    body: z.string().optional().describe('on GET /articles/{articleId} only'),
    version: z.number().int(),
  })
  .meta({ id: 'Article' });

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
      return commandAnswer(
        await submitArticle(deps, request, { articleId: request.ids.next(), ...request.body }),
      );
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
      return commandAnswer(await reviseArticle(deps, request, { ...request.params, ...request.body }));
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
      return commandAnswer(await reviewArticle(deps, request, { ...request.params, ...request.body }));
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
      const page = await listArticles(deps, principal, query);
      return { status: 200, body: { items: page.items, nextCursor: page.nextCursor ?? null } };
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
      const article = await getArticle(deps, principal, params);
      return { status: 200, body: article, headers: { etag: `"${article.version}"` } };
    },
  }),
];
