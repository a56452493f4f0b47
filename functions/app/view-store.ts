import { randomBytes } from 'node:crypto';
import type { DocumentGroup, DocumentRef, ListRef, ViewDocument } from '../../domain/shared/projection.js';

/** A stored view item: the projection's document plus who owns it and how far it has applied. */
export interface StoredView<D = Record<string, unknown>> extends ViewDocument<D> {
  /** Which document of which view it is (the store alone knows where that is kept). */
  readonly ref: DocumentRef;
  /** The stream whose events own this item. */
  readonly owner: string;
  /** Last version of `owner` applied to this item. */
  readonly appliedVersion: number;
  readonly deleted?: boolean;
  /**
   * Set anew by every write. A rebuild rewrites an item at the same `appliedVersion`, so the version
   * alone cannot tell a writer that the item changed since it read it; the revision can.
   */
  readonly revision?: string;
}

export interface ViewPage<D> {
  readonly items: readonly StoredView<D>[];
  readonly nextCursor: string | undefined;
  /**
   * Of a list's page: the cursor that resumes just after `items[index]`, for a caller that shows only
   * part of the page (a store that pages nothing gives none).
   */
  readonly cursorAfter?: (index: number) => string | undefined;
}

/** A condition on a view item's document, e.g. `{ field: ['data', 'category'], op: '=', value: 'festival' }`. */
export interface ViewFilter {
  readonly field: readonly string[];
  readonly op: '=' | '<' | '<=' | '>' | '>=';
  readonly value: string | number | boolean;
}

/**
 * Whether a document passes the filters as the store applies them: for a document read by key, which
 * no filter touched on the way (strings compared as DynamoDB does, by their UTF-8 bytes).
 */
export function passes(document: { readonly data: unknown }, where: readonly ViewFilter[]): boolean {
  return where.every(({ field, op, value }) => {
    let at: unknown = document;
    for (const name of field) at = (at as Record<string, unknown> | undefined)?.[name];
    if (at === undefined || typeof at !== typeof value) return false;
    const order =
      typeof at === 'string'
        ? Buffer.compare(Buffer.from(at), Buffer.from(value as string))
        : at === value
          ? 0
          : (at as number) < (value as number)
            ? -1
            : 1;
    if (op === '=') return order === 0;
    if (op === '<') return order < 0;
    if (op === '<=') return order <= 0;
    if (op === '>') return order > 0;
    return order >= 0;
  });
}

export interface ListQuery {
  readonly list: ListRef;
  /** Inclusive bounds on the first part of the entries' order value. */
  readonly from?: string;
  readonly to?: string;
  readonly where?: readonly ViewFilter[];
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * A list's cursor that this store did not hand out for this list (forged, damaged, or another list's):
 * the store refuses it before reading, and the request is answered 400 `invalid-cursor`.
 */
export class InvalidCursor extends Error {
  constructor() {
    super('cursor is not valid for this list');
  }
}

export interface ViewStore {
  get<D>(ref: DocumentRef): Promise<StoredView<D> | undefined>;
  /** Several items at once, in no particular order; missing ones are left out. */
  getMany<D>(refs: readonly DocumentRef[]): Promise<StoredView<D>[]>;
  /**
   * Writes the item only if the stored one is still the one read as `previous` (same applied version
   * and revision; absent when `undefined`); returns false when another writer got there first.
   */
  putIfUnchanged(
    item: StoredView,
    previous: Pick<StoredView, 'appliedVersion' | 'revision'> | undefined,
  ): Promise<boolean>;
  /**
   * Writes the item unless the stored one has applied as far or further: one write, no read, for
   * items whose only state is how far they have got (the projector's per-stream markers).
   */
  putIfNewer(item: StoredView): Promise<boolean>;
  list<D>(query: ListQuery): Promise<ViewPage<D>>;
  /** The documents of one group, in the order of their ids. */
  group<D>(group: DocumentGroup, options?: { limit?: number; cursor?: string }): Promise<ViewPage<D>>;
}

/** Where the projector has got to for one stream: queries with `consistentWith` wait on it. */
export const projectedMarkerKey = (community: string, streamId: string): DocumentRef => ({
  community,
  view: '$projected',
  id: [streamId],
});
/** Every stream's marker of one community. */
export const projectedMarkers = (community: string): DocumentGroup => ({
  community,
  view: '$projected',
  within: [],
});

/** A revision no earlier write of an item had: 12 random bytes. */
export function newRevision(): string {
  return randomBytes(12).toString('base64url');
}
