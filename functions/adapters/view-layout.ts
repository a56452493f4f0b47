import type {
  DocumentGroup,
  DocumentRef,
  ListRef,
  ListSlice,
  Placement,
} from '../../domain/shared/projection.js';
import type { StoredView } from '../app/view-store.js';

/**
 * The one place that knows how views are laid out in the table (castore keeps its key design inside
 * its DynamoDB adapter alone): a document lives in the partition of the record it belongs to
 * (`<community>#<record>#<first id>`) under a sort key naming its row (`detail`, or `attendee#<id>`);
 * a list is a partition of the `gsi1` index, ordered by the `#`-joined order value. The strings are
 * those stored since the first release, so stored data keeps working without a migration.
 */

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Each view's record (the partition it shares) and row (the start of its sort key). */
const DOCUMENTS: Record<string, { readonly record: string; readonly row: string }> = {
  activity: { record: 'activity', row: 'detail' },
  attendee: { record: 'activity', row: 'attendee' },
  'long-window-activity': { record: 'activity', row: 'long-window' },
  registration: { record: 'activity', row: 'registration' },
  'activity-compliance': { record: 'activity', row: 'compliance' },
  resident: { record: 'resident', row: 'profile' },
  participation: { record: 'resident', row: 'activity' },
  authored: { record: 'resident', row: 'article' },
  'resident-deed': { record: 'resident', row: 'deed' },
  model: { record: 'resident', row: 'model' },
  'party-member': { record: 'resident', row: 'party-member' },
  'resident-book-review': { record: 'resident', row: 'book-review' },
  plan: { record: 'plan', row: 'detail' },
  'plan-targets': { record: 'plan', row: 'targets' },
  book: { record: 'book', row: 'detail' },
  'book-review': { record: 'book', row: 'review' },
  article: { record: 'article', row: 'detail' },
  series: { record: 'series', row: 'detail' },
  rotation: { record: 'rotation', row: 'detail' },
  round: { record: 'round', row: 'detail' },
  nomination: { record: 'nomination', row: 'detail' },
  deed: { record: 'deed', row: 'detail' },
  venue: { record: 'venue', row: 'detail' },
  equipment: { record: 'venue', row: 'equipment' },
  instructor: { record: 'instructor', row: 'detail' },
  'instructor-session': { record: 'instructor', row: 'session' },
};
const BY_RECORD_AND_ROW = new Map(
  Object.entries(DOCUMENTS).map(([view, { record, row }]) => [`${record}\u0000${row}`, view]),
);
/** Every community's plans in one partition, by community then plan. */
const PLAN_REGISTRY = { view: 'plan-registry', pk: '$plans' };
/** The projector's per-stream markers, one partition per community, by stream id. */
const MARKERS = { view: '$projected', suffix: '#$projected' };

/** Lists of a community named by the list alone (`<community>#<list>`). */
const COMMUNITY_LISTS = new Set([
  'activities',
  'residents',
  'plans',
  'party-members',
  'rounds',
  'models',
  'venues',
  'equipment',
  'instructors',
  'instructor-sessions',
]);
/** Lists of one plan (`<community>#plan#<plan>#<list>`). */
const PLAN_LISTS = new Set(['compliance', 'good-deeds', 'books', 'rotations']);
const ALL_PLANS = '$all-plans';

function layoutOf(view: string) {
  const layout = DOCUMENTS[view];
  if (!layout) throw new Error(`no table layout for view ${view}`);
  return layout;
}

/** One string per stored item (its keys), for maps. */
export const itemId = ({ pk, sk }: ItemKey) => `${pk}\u0000${sk}`;

/** Where a document is stored. */
export function keyOf({ community, view, id }: DocumentRef): ItemKey {
  if (view === PLAN_REGISTRY.view) return { pk: PLAN_REGISTRY.pk, sk: `${community}#${id[0]}` };
  if (view === MARKERS.view) return { pk: `${community}${MARKERS.suffix}`, sk: id[0]! };
  const { record, row } = layoutOf(view);
  const [first, ...rest] = id;
  return { pk: `${community}#${record}#${first}`, sk: [row, ...rest].join('#') };
}

/** Which document a stored item is: `keyOf` read backwards. */
export function refOf({ pk, sk }: ItemKey): DocumentRef {
  if (pk === PLAN_REGISTRY.pk) {
    const at = sk.indexOf('#');
    return { community: sk.slice(0, at), view: PLAN_REGISTRY.view, id: [sk.slice(at + 1)] };
  }
  if (pk.endsWith(MARKERS.suffix))
    return { community: pk.slice(0, -MARKERS.suffix.length), view: MARKERS.view, id: [sk] };
  const [community, record, ...first] = pk.split('#');
  const [row, ...rest] = sk.split('#');
  const view = BY_RECORD_AND_ROW.get(`${record}\u0000${row}`);
  if (community === undefined || view === undefined) throw new Error(`no view is stored at ${pk} ${sk}`);
  return { community, view, id: [first.join('#'), ...rest] };
}

/** The partition and sort-key prefix a group of documents shares. */
export function groupKeyOf({ community, view, within }: DocumentGroup): { pk: string; skPrefix: string } {
  if (view === MARKERS.view) return { pk: `${community}${MARKERS.suffix}`, skPrefix: '' };
  const { record, row } = layoutOf(view);
  const [first, ...rest] = within;
  return { pk: `${community}#${record}#${first}`, skPrefix: `${[row, ...rest].join('#')}#` };
}

/** The index partition a list is. */
export function listKeyOf({ community, list, of }: ListRef): string {
  if (list === 'all-plans') return ALL_PLANS;
  if (COMMUNITY_LISTS.has(list) && of === undefined) return `${community}#${list}`;
  if (PLAN_LISTS.has(list) && of !== undefined) return `${community}#plan#${of}#${list}`;
  if (list === 'articles' && of !== undefined) return `${community}#articles#${of}`;
  if (list === 'long-windows' && of !== undefined) return `${community}#long-windows#${of}`;
  if (list === 'nominations' && of !== undefined) return `${community}#round#${of}#nominations`;
  throw new Error(`no table layout for list ${list}`);
}

/** Which list an index partition is: `listKeyOf` read backwards. */
export function listRefOf(key: string): ListRef {
  if (key === ALL_PLANS) return { list: 'all-plans' };
  const [community, ...parts] = key.split('#');
  if (parts.length === 1 && COMMUNITY_LISTS.has(parts[0]!)) return { community, list: parts[0]! };
  if (parts[0] === 'articles') return { community, list: 'articles', of: parts.slice(1).join('#') };
  if (parts[0] === 'long-windows') return { community, list: 'long-windows', of: parts.slice(1).join('#') };
  const last = parts.at(-1)!;
  const of = parts.slice(1, -1).join('#');
  if (parts[0] === 'plan' && PLAN_LISTS.has(last)) return { community, list: last, of };
  if (parts[0] === 'round' && last === 'nominations') return { community, list: last, of };
  throw new Error(`no list is stored at ${key}`);
}

/** The index keys that place a document in its list. */
export const placementKeysOf = (placement: Placement | undefined) =>
  placement ? { gsi1pk: listKeyOf(placement.list), gsi1sk: placement.order.join('#') } : {};

/** Where a stored item stands, from its index keys (none: in no list). */
export function placementOf(item: { gsi1pk?: unknown; gsi1sk?: unknown }): Placement | undefined {
  if (typeof item.gsi1pk !== 'string' || typeof item.gsi1sk !== 'string') return undefined;
  return { list: listRefOf(item.gsi1pk), order: item.gsi1sk.split('#') };
}

/** A slice's bounds on the index sort key: the order value's first part from `from` to `to`. */
export const sliceKeysOf = ({ list, from, to }: ListSlice) => ({
  list: listKeyOf(list),
  ...(from === undefined ? {} : { from: `${from}#` }),
  ...(to === undefined ? {} : { to: `${to}#~` }),
});

/** A view item as the table holds it. */
export interface TableItem {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  readonly data: Record<string, unknown>;
  readonly owner: string;
  readonly appliedVersion: number;
  readonly deleted?: boolean;
  readonly revision?: string;
}

/** The table's item for a stored document. */
export function toItem({ ref, placement, ...rest }: StoredView): TableItem {
  return { ...keyOf(ref), ...placementKeysOf(placement), ...rest };
}

/** The stored document a table item holds. */
export function fromItem<D>(item: TableItem): StoredView<D> {
  const { pk, sk, gsi1pk, gsi1sk, ...rest } = item;
  const placement = placementOf({ gsi1pk, gsi1sk });
  return { ref: refOf({ pk, sk }), ...(placement ? { placement } : {}), ...rest } as StoredView<D>;
}

/** The documents `items` hold for `refs`, each once and named as it was asked for; missing ones left out. */
export function documentsFor<D>(refs: readonly DocumentRef[], items: readonly TableItem[]): StoredView<D>[] {
  const found = new Map(items.map((item) => [itemId(item), item]));
  const asked = new Map(refs.map((ref) => [itemId(keyOf(ref)), ref]));
  return [...asked].flatMap(([id, ref]) => {
    const item = found.get(id);
    return item ? [{ ...fromItem<D>(item), ref }] : [];
  });
}
