import { describe, expect, it } from 'vitest';
import {
  BookDetail,
  BookReview,
  bookDetails,
  bookKey,
  bookReviewKey,
  bookReviews,
  booksList,
  residentBookReviewKey,
  residentBookReviews,
} from '../../../domain/reading/reading.view.js';
import { keyOf } from '../../../functions/adapters/view-layout.js';
import { project, recordedAt } from '../../support/decider-spec.js';

const recommended = {
  type: 'BookRecommended',
  data: {
    bookId: 'B1',
    planId: 'P1',
    title: 'Walden',
    author: 'Thoreau',
    recommendedBy: 'Community library',
    reason: 'A quiet book',
  },
};
const reviewed = (residentId: string, rating: number, text = 'good') => ({
  type: 'BookReviewed',
  data: { residentId, rating, text },
});
const linked = { type: 'ReadingEssayLinked', data: { articleId: 'A1', authorId: 'R1', title: 'On Walden' } };

describe('book-details projection [bookDetails]', () => {
  it('lists the plan’s books with the count and mean of each reviewer’s latest rating, and the essays', async () => {
    const views = await project(
      [
        ['c1#book#B1', recommended],
        ['c1#book#B1', reviewed('R1', 5)],
        ['c1#book#B1', reviewed('R2', 2)],
        ['c1#book#B1', reviewed('R1', 3)],
        ['c1#book#B1', linked],
      ],
      [bookDetails],
    );
    expect(await views.list<BookDetail>(booksList('c1', 'P1'))).toEqual([
      {
        ...recommended.data,
        recommendedAt: recordedAt(0),
        reviewCount: 2,
        averageRating: 2.5,
        ratings: { R1: 3, R2: 2 },
        essays: [{ ...linked.data, linkedAt: recordedAt(4) }],
      },
    ]);
    const item = await views.item<BookDetail>(bookKey('c1', 'B1'));
    expect(item).toMatchObject({ owner: 'c1#book#B1', appliedVersion: 5 });
    // What the views store parses to itself under their schemas (a field a schema forgets fails).
    expect(BookDetail.parse(item!.data)).toEqual(item!.data);
  });

  it('rounds the average to 2 decimals, and has none before the first review', async () => {
    const none = await project([['c1#book#B1', recommended]], [bookDetails]);
    expect((await none.item<BookDetail>(bookKey('c1', 'B1')))!.data.averageRating).toBeNull();
    const views = await project(
      [
        ['c1#book#B1', recommended],
        ['c1#book#B1', reviewed('R1', 5)],
        ['c1#book#B1', reviewed('R2', 5)],
        ['c1#book#B1', reviewed('R3', 4)],
      ],
      [bookDetails],
    );
    expect((await views.item<BookDetail>(bookKey('c1', 'B1')))!.data.averageRating).toBe(4.67);
  });
});

describe('book-reviews [bookReviews] and resident-book-reviews [residentBookReviews] projections', () => {
  it('keep each resident’s latest review in the book’s partition and in the resident’s', async () => {
    const views = await project(
      [
        ['c1#book#B1', recommended],
        ['c1#book#B1', reviewed('R1', 5, 'first')],
        ['c1#book#B1', reviewed('R1', 3, 'second thoughts')],
      ],
      [bookReviews, residentBookReviews],
    );
    const latest = {
      data: { residentId: 'R1', rating: 3, text: 'second thoughts', bookId: 'B1', reviewedAt: recordedAt(2) },
      owner: 'c1#book#B1',
      appliedVersion: 3,
    };
    expect(await views.item(bookReviewKey('c1', 'B1', 'R1'))).toEqual(latest);
    expect(await views.item(residentBookReviewKey('c1', 'R1', 'B1'))).toEqual(latest);
    expect(BookReview.parse(latest.data)).toEqual(latest.data);
    expect(keyOf(residentBookReviewKey('c1', 'R1', 'B1'))).toEqual({
      pk: 'c1#resident#R1',
      sk: 'book-review#B1',
    });
    expect(await views.item(bookReviewKey('c1', 'B1', 'R2'))).toBeUndefined();
  });
});
