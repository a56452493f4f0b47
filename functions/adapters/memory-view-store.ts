import type { ViewKey } from '../../domain/shared/projection.js';
import {
  type ListQuery,
  newRevision,
  type StoredView,
  type ViewPage,
  type ViewStore,
} from '../app/view-store.js';

/** A ViewStore in a Map: the scratch store of an audit replay, and the store of pure projection tests. */
export class InMemoryViewStore implements ViewStore {
  readonly items = new Map<string, StoredView>();
  private id = (key: ViewKey) => `${key.pk}\u0000${key.sk}`;

  async get<D>(key: ViewKey) {
    return this.items.get(this.id(key)) as StoredView<D> | undefined;
  }
  async getMany<D>(keys: readonly ViewKey[]) {
    return keys
      .map((k) => this.items.get(this.id(k)))
      .filter((v): v is StoredView => v !== undefined) as StoredView<D>[];
  }
  async putIfUnchanged(
    item: StoredView,
    previous: Pick<StoredView, 'appliedVersion' | 'revision'> | undefined,
  ) {
    const current = this.items.get(this.id(item));
    if (current?.appliedVersion !== previous?.appliedVersion || current?.revision !== previous?.revision)
      return false;
    this.items.set(this.id(item), { ...structuredClone(item), revision: newRevision() });
    return true;
  }
  async putIfNewer(item: StoredView) {
    const current = this.items.get(this.id(item));
    if (current && current.appliedVersion >= item.appliedVersion) return false;
    this.items.set(this.id(item), { ...structuredClone(item), revision: newRevision() });
    return true;
  }
  async list<D>(query: ListQuery): Promise<ViewPage<D>> {
    const items = [...this.items.values()]
      .filter((i) => i.gsi1pk === query.list && !i.deleted)
      .sort((a, b) => (a.gsi1sk ?? '').localeCompare(b.gsi1sk ?? ''));
    return { items: items as StoredView<D>[], nextCursor: undefined };
  }
  async partition<D>(pk: string, options: { skPrefix?: string } = {}): Promise<ViewPage<D>> {
    const items = [...this.items.values()].filter(
      (i) => i.pk === pk && i.sk.startsWith(options.skPrefix ?? '') && !i.deleted,
    );
    return { items: items as StoredView<D>[], nextCursor: undefined };
  }
}
