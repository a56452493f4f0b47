import {
  type BookDetail,
  type BookReview,
  bookKey,
  booksList,
  reviewsOfBook,
} from '../../../domain/reading/reading.view.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import type { Page, PageInput } from '../page.js';
import { readSlice } from '../read-all.js';
import type { StoredView, ViewStore } from '../view-store.js';

export interface ReadingQueryDeps {
  readonly views: ViewStore;
}

/** A book as answered: the view without its per-reviewer ratings, with its version. */
export type BookSeen = Omit<BookDetail, 'ratings'> & { readonly version: number };

const present = (item: StoredView<BookDetail>): BookSeen => {
  const { ratings: _ratings, ...data } = item.data;
  return { ...data, version: item.appliedVersion };
};

/** A plan's recommended books, with review count and average rating, by when they were recommended. */
export async function listBooks(
  deps: ReadingQueryDeps,
  reader: Actor,
  input: PageInput & { readonly planId: string },
): Promise<Page<BookSeen>> {
  const page = await deps.views.list<BookDetail>({
    list: booksList(reader.community, input.planId),
    limit: input.limit,
    cursor: input.cursor,
  });
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

/** A book with every resident's latest review and the reading essays tied to it. */
export async function getBook(
  deps: ReadingQueryDeps,
  reader: Actor,
  input: { readonly bookId: string },
): Promise<BookSeen & { readonly reviews: BookReview[] }> {
  const [item, reviews] = await Promise.all([
    deps.views.get<BookDetail>(bookKey(reader.community, input.bookId)),
    readSlice<BookReview>(deps.views, reviewsOfBook(reader.community, input.bookId)),
  ]);
  if (!item || item.deleted) throw appErrors.notFound(`book ${input.bookId}`);
  return { ...present(item), reviews };
}
