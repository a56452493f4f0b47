import type { PartitionSlice } from '../../domain/shared/projection.js';
import type { ListQuery, ViewStore } from './view-store.js';

/** Every item of a bounded list (one per activity, article, member or nomination), page by page. */
export async function readAll<D>(views: ViewStore, query: Omit<ListQuery, 'limit' | 'cursor'>): Promise<D[]> {
  const items: D[] = [];
  let cursor: string | undefined;
  do {
    const page = await views.list<D>({ ...query, limit: 500, cursor });
    items.push(...page.items.map((i) => i.data));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Every live item of one partition whose sort key starts with `skPrefix` (a sign-in sheet, a
 * resident's rows); items a projection deleted are left out.
 */
export async function readPartition<D>(views: ViewStore, pk: string, skPrefix: string): Promise<D[]> {
  const items: D[] = [];
  let cursor: string | undefined;
  do {
    const page = await views.partition<D>(pk, { skPrefix, limit: 1000, cursor });
    items.push(...page.items.filter((i) => !i.deleted).map((i) => i.data));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Every live item of a slice a view names (`attendeesOf`, `bookReviewsOf`…). */
export const readSlice = <D>(views: ViewStore, slice: PartitionSlice): Promise<D[]> =>
  readPartition<D>(views, slice.pk, slice.skPrefix);
