import type { DocumentGroup } from '../../domain/shared/projection.js';
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
 * Every live document of one group (a sign-in sheet, a resident's rows); documents a projection
 * deleted are left out.
 */
export async function readSlice<D>(views: ViewStore, group: DocumentGroup): Promise<D[]> {
  const items: D[] = [];
  let cursor: string | undefined;
  do {
    const page = await views.group<D>(group, { limit: 1000, cursor });
    items.push(...page.items.filter((i) => !i.deleted).map((i) => i.data));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
