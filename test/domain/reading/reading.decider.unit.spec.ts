import { describe, expect, it } from 'vitest';
import { isValidIsbn, normalizeIsbn } from '../../../domain/reading/isbn.js';
import {
  type EssayFacts,
  essayFacts,
  MAX_ESSAYS,
  readingDecider,
} from '../../../domain/reading/reading.decider.js';
import { fold } from '../../../domain/shared/decider.js';
import type { ArticleEvent, ReadingEvent } from '../../../events/index.js';
import { given } from '../../support/decider-spec.js';

const recommend = {
  type: 'RecommendBook' as const,
  bookId: 'B1',
  planId: 'P1',
  planKnown: true,
  title: 'Walden',
  author: 'Thoreau',
  isbn: '9780141194486',
  recommendedBy: 'Community library',
  reason: 'A quiet book',
};
const recommended: ReadingEvent = {
  type: 'BookRecommended',
  data: {
    bookId: 'B1',
    planId: 'P1',
    title: 'Walden',
    author: 'Thoreau',
    isbn: '9780141194486',
    recommendedBy: 'Community library',
    reason: 'A quiet book',
  },
};
const review = (residentId: string, rating: number, residentKnown = true) => ({
  type: 'ReviewBook' as const,
  bookId: 'B1',
  residentId,
  residentKnown,
  rating,
  text: 'good',
});
const essay: EssayFacts = { kind: 'reading-essay', authorId: 'R1', planId: 'P1', title: 'On Walden' };
const link = (facts: EssayFacts | undefined, articleId = 'A1') => ({
  type: 'LinkReadingEssay' as const,
  bookId: 'B1',
  articleId,
  essay: facts,
});
const linked: ReadingEvent = {
  type: 'ReadingEssayLinked',
  data: { articleId: 'A1', authorId: 'R1', title: 'On Walden' },
};

describe('reading decider', () => {
  it('recommends a book of a plan once; the ISBN is optional', () => {
    given(readingDecider, []).when(recommend).then([recommended]);
    const { isbn: _i, ...withoutIsbn } = recommended.data as typeof recommended.data & { isbn?: string };
    given(readingDecider, [])
      .when({ ...recommend, isbn: undefined })
      .then([{ type: 'BookRecommended', data: withoutIsbn }]);
    given(readingDecider, [])
      .when({ ...recommend, planKnown: false })
      .then({ code: 'plan-not-found' });
    given(readingDecider, [recommended]).when(recommend).then({ code: 'book-already-exists' });
  });
  it('takes a review from a resident on the roster, again and again (the latest counts)', () => {
    const first: ReadingEvent = { type: 'BookReviewed', data: { residentId: 'R1', rating: 4, text: 'good' } };
    given(readingDecider, [recommended]).when(review('R1', 4)).then([first]);
    given(readingDecider, [recommended, first])
      .when(review('R1', 2))
      .then([{ type: 'BookReviewed', data: { residentId: 'R1', rating: 2, text: 'good' } }]);
    given(readingDecider, [recommended])
      .when(review('R9', 4, false))
      .then({ code: 'resident-not-found' });
    given(readingDecider, []).when(review('R1', 4)).then({ code: 'book-not-found', category: 'not-found' });
  });
  it('ties a reading essay of the book’s plan once', () => {
    given(readingDecider, [recommended]).when(link(essay)).then([linked]);
    given(readingDecider, [recommended, linked]).when(link(essay)).then({ code: 'essay-already-linked' });
    given(readingDecider, [recommended]).when(link(undefined)).then({ code: 'article-not-found' });
    given(readingDecider, [recommended])
      .when(link({ ...essay, kind: 'theory-article' }))
      .then({ code: 'not-a-reading-essay', category: 'conflict' });
    given(readingDecider, [recommended])
      .when(link({ ...essay, planId: 'P2' }))
      .then({ code: 'essay-of-another-plan' });
  });
});

describe('essay facts (folded from an article’s stream)', () => {
  it('keeps kind, author, plan and the current title', () => {
    const body = { sha256: 'a'.repeat(64), bytes: 3 };
    const events: ArticleEvent[] = [
      {
        type: 'ArticleSubmitted',
        data: { articleId: 'A1', planId: 'P1', authorId: 'R1', kind: 'reading-essay', title: 'Draft', body },
      },
      { type: 'ArticleReviewed', data: { verdict: 'needs-revision', reviewerId: 'o' } },
      { type: 'ArticleRevised', data: { title: 'On Walden', body } },
    ];
    expect(fold(essayFacts, events)).toEqual(essay);
    expect(fold(essayFacts, [])).toBeUndefined();
    // A review after the last revision leaves the title as revised.
    const reviewed: ArticleEvent = { type: 'ArticleReviewed', data: { verdict: 'quality', reviewerId: 'o' } };
    expect(fold(essayFacts, [...events, reviewed])).toEqual(essay);
  });
});

describe('ISBN', () => {
  it('accepts ISBN-13 and ISBN-10 (X) with correct check digits, hyphens removed', () => {
    expect(isValidIsbn(normalizeIsbn('978-0-14-119448-6'))).toBe(true);
    expect(isValidIsbn(normalizeIsbn('0-8044-2957-x'))).toBe(true);
    expect(isValidIsbn('9780141194487')).toBe(false);
    expect(isValidIsbn('12345')).toBe(false);
  });
});

describe('reading decider: a book holds at most MAX_ESSAYS essays', () => {
  const essays = (n: number): ReadingEvent[] =>
    Array.from({ length: n }, (_, i) => ({
      type: 'ReadingEssayLinked',
      data: { articleId: `E${i}`, authorId: 'R1', title: `Essay ${i}` },
    }));

  it('links the 200th essay, and refuses the 201st', () => {
    given(readingDecider, [recommended, ...essays(MAX_ESSAYS - 1)])
      .when(link(essay, 'LAST'))
      .then([
        { type: 'ReadingEssayLinked', data: { articleId: 'LAST', authorId: 'R1', title: 'On Walden' } },
      ]);
    given(readingDecider, [recommended, ...essays(MAX_ESSAYS)])
      .when(link(essay, 'OVER'))
      .then({ code: 'too-many-essays' });
  });
});
