import type { DocumentGroup, DocumentRef } from '../../domain/shared/projection.js';
import {
  type ListQuery,
  newRevision,
  type StoredView,
  type ViewPage,
  type ViewStore,
} from '../app/view-store.js';
import {
  documentsFor,
  fromItem,
  groupKeyOf,
  itemId,
  keyOf,
  sliceKeysOf,
  type TableItem,
  toItem,
} from './view-layout.js';

/**
 * A ViewStore in a Map: the scratch store of an audit replay, and the store of pure projection tests.
 * It keeps items as the table would (same keys), so what a test sees stored is what DynamoDB holds.
 */
export class InMemoryViewStore implements ViewStore {
  readonly items = new Map<string, TableItem>();
  private id = itemId;

  /** Every document stored, deleted ones included. */
  all(): StoredView[] {
    return [...this.items.values()].map((item) => fromItem(item));
  }

  async get<D>(ref: DocumentRef) {
    const item = this.items.get(this.id(keyOf(ref)));
    return item ? { ...fromItem<D>(item), ref } : undefined;
  }
  async getMany<D>(refs: readonly DocumentRef[]) {
    const items = refs.map((ref) => this.items.get(this.id(keyOf(ref))));
    return documentsFor<D>(
      refs,
      items.filter((v): v is TableItem => v !== undefined),
    );
  }
  async putIfUnchanged(
    view: StoredView,
    previous: Pick<StoredView, 'appliedVersion' | 'revision'> | undefined,
  ) {
    const item = toItem(view);
    const current = this.items.get(this.id(item));
    if (current?.appliedVersion !== previous?.appliedVersion || current?.revision !== previous?.revision)
      return false;
    this.items.set(this.id(item), { ...structuredClone(item), revision: newRevision() });
    return true;
  }
  async putIfNewer(view: StoredView) {
    const item = toItem(view);
    const current = this.items.get(this.id(item));
    if (current && current.appliedVersion >= item.appliedVersion) return false;
    this.items.set(this.id(item), { ...structuredClone(item), revision: newRevision() });
    return true;
  }
  async list<D>(query: ListQuery): Promise<ViewPage<D>> {
    const { list, from, to } = sliceKeysOf(query);
    const items = [...this.items.values()]
      .filter((i) => i.gsi1pk === list && !i.deleted)
      .filter((i) => (from === undefined || i.gsi1sk! >= from) && (to === undefined || i.gsi1sk! <= to))
      .sort((a, b) => (a.gsi1sk ?? '').localeCompare(b.gsi1sk ?? ''));
    return { items: items.map((item) => fromItem<D>(item)), nextCursor: undefined };
  }
  async group<D>(group: DocumentGroup): Promise<ViewPage<D>> {
    const { pk, skPrefix } = groupKeyOf(group);
    const items = [...this.items.values()].filter(
      (i) => i.pk === pk && i.sk.startsWith(skPrefix) && !i.deleted,
    );
    return { items: items.map((item) => fromItem<D>(item)), nextCursor: undefined };
  }
}
