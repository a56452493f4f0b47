import * as z from 'zod';
import type { EventOf } from './define.js';
import { defineEvent } from './define.js';
import { freeText, nameOfSomeoneUnrecorded } from './personal-data.js';

/** A good book the committee recommends for the plan's reading activities. */
export const BookRecommended = defineEvent(
  'BookRecommended',
  z.object({
    bookId: z.string(),
    planId: z.string(),
    title: z.string(),
    author: z.string(),
    /** Digits only (ISBN-10 may end in X), checksum verified. */
    isbn: z.string().optional(),
    /** Who recommends it, as the committee attributes it (the library, a reading club, a teacher). */
    recommendedBy: nameOfSomeoneUnrecorded('who recommends it, as the committee attributes it'),
    reason: freeText(),
  }),
);

/** A resident's review; a later one by the same resident replaces theirs. */
export const BookReviewed = defineEvent(
  'BookReviewed',
  z.object({ residentId: z.string(), rating: z.number().int().min(1).max(5), text: freeText() }),
);

/** A reading essay (an article of kind reading-essay) about this book. */
export const ReadingEssayLinked = defineEvent(
  'ReadingEssayLinked',
  z.object({ articleId: z.string(), authorId: z.string(), title: z.string() }),
);

export const readingEvents = [BookRecommended, BookReviewed, ReadingEssayLinked] as const;
export type ReadingEvent =
  | EventOf<typeof BookRecommended>
  | EventOf<typeof BookReviewed>
  | EventOf<typeof ReadingEssayLinked>;
