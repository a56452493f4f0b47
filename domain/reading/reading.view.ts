import * as z from 'zod';
import { BookRecommended, BookReviewed, type DomainEvent, ReadingEssayLinked } from '../../events/index.js';
import { entityIdOf } from '../shared/ids.js';
import type { DocumentGroup, EventContext, Projection } from '../shared/projection.js';

/** A recommended book with its rating and the reading essays about it (reviews are items of their own). */
export const BookDetail = BookRecommended.schema.extend({
  recommendedAt: z.string(),
  reviewCount: z.number().int(),
  averageRating: z.number().nullable().describe('mean of the latest rating of each reviewer, 2 decimals'),
  /** Each reviewer's latest rating, to recount the average when a review replaces theirs (not answered). */
  ratings: z.record(z.string(), z.number().int()),
  essays: z.array(ReadingEssayLinked.schema.extend({ linkedAt: z.string() })),
});
export type BookDetail = z.infer<typeof BookDetail>;

/** One resident's review of a book (their latest), under the book. */
export const BookReview = BookReviewed.schema.extend({ bookId: z.string(), reviewedAt: z.string() });
export type BookReview = z.infer<typeof BookReview>;

export const bookKey = (community: string, bookId: string) => ({ community, view: 'book', id: [bookId] });
export const bookReviewKey = (community: string, bookId: string, residentId: string) => ({
  community,
  view: 'book-review',
  id: [bookId, residentId],
});
/** A book's reviews, one per resident. */
export const reviewsOfBook = (community: string, bookId: string): DocumentGroup => ({
  community,
  view: 'book-review',
  within: [bookId],
});
export const residentBookReviewKey = (community: string, residentId: string, bookId: string) => ({
  community,
  view: 'resident-book-review',
  id: [residentId, bookId],
});
/** The books a resident reviewed (their latest review of each), grouped under the resident. */
export const bookReviewsOf = (community: string, residentId: string): DocumentGroup => ({
  community,
  view: 'resident-book-review',
  within: [residentId],
});
/** A plan's recommended books, by when they were recommended. */
export const booksList = (community: string, planId: string) => ({ community, list: 'books', of: planId });

const bookIdOf = (context: EventContext) => entityIdOf(context.streamId);
const averageOf = (ratings: Record<string, number>) => {
  const values = Object.values(ratings);
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null;
};

/** The book, listed per plan, with its review count, average rating and essays. */
export const bookDetails: Projection<DomainEvent, BookDetail> = {
  name: 'book-details',
  schema: BookDetail,
  touches(event, context) {
    switch (event.type) {
      case 'BookRecommended':
      case 'BookReviewed':
      case 'ReadingEssayLinked':
        return [bookKey(context.community, bookIdOf(context))];
      default:
        return [];
    }
  },
  evolve(current, event, context) {
    if (event.type === 'BookRecommended')
      return {
        data: {
          ...event.data,
          recommendedAt: context.recordedAt,
          reviewCount: 0,
          averageRating: null,
          ratings: {},
          essays: [],
        },
        placement: {
          list: booksList(context.community, event.data.planId),
          order: [context.recordedAt, event.data.bookId],
        },
      };
    if (!current) return null;
    const data = current.data;
    if (event.type === 'BookReviewed') {
      const ratings = { ...data.ratings, [event.data.residentId]: event.data.rating };
      const reviewCount = Object.keys(ratings).length;
      return { ...current, data: { ...data, ratings, reviewCount, averageRating: averageOf(ratings) } };
    }
    if (event.type === 'ReadingEssayLinked') {
      const essays = [...data.essays, { ...event.data, linkedAt: context.recordedAt }];
      return { ...current, data: { ...data, essays } };
    }
    return current;
  },
};

const reviewDocument = (
  current: { data: BookReview } | undefined,
  event: DomainEvent,
  context: EventContext,
): { data: BookReview } | null =>
  event.type === 'BookReviewed'
    ? { data: { ...event.data, bookId: bookIdOf(context), reviewedAt: context.recordedAt } }
    : (current ?? null);

/** Each resident's latest review, under the book (GET /books/{id}). */
export const bookReviews: Projection<DomainEvent, BookReview> = {
  name: 'book-reviews',
  schema: BookReview,
  touches: (event, context) =>
    event.type === 'BookReviewed'
      ? [bookReviewKey(context.community, bookIdOf(context), event.data.residentId)]
      : [],
  evolve: reviewDocument,
};

/** The same review under the reviewer: the participation page lists a resident's reviews. */
export const residentBookReviews: Projection<DomainEvent, BookReview> = {
  name: 'resident-book-reviews',
  schema: BookReview,
  touches: (event, context) =>
    event.type === 'BookReviewed'
      ? [residentBookReviewKey(context.community, event.data.residentId, bookIdOf(context))]
      : [],
  evolve: reviewDocument,
};

export const readingProjections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [
  bookDetails,
  bookReviews,
  residentBookReviews,
] as unknown as readonly Projection<DomainEvent, Record<string, unknown>>[];
