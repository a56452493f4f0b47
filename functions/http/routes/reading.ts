import * as z from 'zod';
import { isValidIsbn, normalizeIsbn } from '../../../domain/reading/isbn.js';
import { BookDetail, BookReview } from '../../../domain/reading/reading.view.js';
import { roleSets } from '../../app/authorization.js';
import { linkReadingEssay, recommendBook, reviewBook } from '../command-cases.js';
import { getBook, listBooks } from '../query-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, ListQuery, listOf, trimmed } from '../schemas.js';
import { commandAnswer, pageAnswer } from '../use-case-answer.js';

const Isbn = z
  .string()
  .max(20)
  .transform(normalizeIsbn)
  .refine(isValidIsbn, 'not an ISBN-10 or ISBN-13 (check digit)')
  .describe('ISBN-10 or ISBN-13, hyphens allowed; kept as digits');
const RecommendBody = z
  .object({
    planId: Id,
    title: trimmed(300),
    author: trimmed(200),
    isbn: Isbn.optional(),
    recommendedBy: trimmed(200).describe('who recommends it: the library, a reading club, a teacher'),
    reason: trimmed(2000),
  })
  .strict()
  .meta({ id: 'RecommendBook' });
const ReviewBody = z
  .object({ residentId: Id, rating: z.number().int().min(1).max(5), text: trimmed(2000) })
  .strict()
  .meta({ id: 'ReviewBook' });
const EssayBody = z.object({ articleId: Id }).strict().meta({ id: 'LinkReadingEssay' });
const BookParams = z.object({ bookId: Id });
const Book = BookDetail.omit({ ratings: true }).extend({ version: z.number().int() }).meta({ id: 'Book' });
const BookWithReviews = Book.extend({ reviews: z.array(BookReview) }).meta({ id: 'BookWithReviews' });

export const readingRoutes = [
  defineRoute({
    method: 'POST',
    path: '/books',
    operationId: 'recommendBook',
    summary: 'Recommend a good book for the plan’s reading activities',
    tag: 'Reading',
    kind: 'command',
    roles: [...roleSets.staff],
    body: RecommendBody,
    response: { status: 201, description: 'The book was recommended', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(
        await recommendBook(deps, request, { ...request.body, bookId: request.ids.next() }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/books/{bookId}/reviews',
    operationId: 'reviewBook',
    summary:
      'A resident’s review of a book, 1 to 5 (a later one replaces theirs; staff may record it for them)',
    tag: 'Reading',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: BookParams,
    body: ReviewBody,
    response: { status: 201, description: 'The review was recorded', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await reviewBook(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/books/{bookId}/essays',
    operationId: 'linkReadingEssay',
    summary:
      'Tie a reading essay (an article of kind reading-essay of the book’s plan) to the book: staff or its author',
    tag: 'Reading',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: BookParams,
    body: EssayBody,
    response: { status: 201, description: 'The essay was tied to the book', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await linkReadingEssay(deps, request, { ...request.params, ...request.body }));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/books',
    operationId: 'listBooks',
    summary: "A plan's recommended books with review count and average rating",
    tag: 'Reading',
    kind: 'query',
    roles: [...roleSets.everyone],
    query: ListQuery.extend({ planId: Id }),
    response: { status: 200, description: 'A page of books', schema: listOf(Book) },
    async handle({ query, principal }, deps) {
      return pageAnswer(await listBooks(deps, principal, query));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/books/{bookId}',
    operationId: 'getBook',
    summary: 'A book with every resident’s latest review and its reading essays',
    tag: 'Reading',
    kind: 'query',
    roles: [...roleSets.everyone],
    params: BookParams,
    response: { status: 200, description: 'The book', schema: BookWithReviews },
    async handle({ params, principal }, deps) {
      const book = await getBook(deps, principal, params);
      return { status: 200, body: book, headers: { etag: `"${book.version}"` } };
    },
  }),
];
