/**
 * An immutable set of ids, spread over 64 buckets by a hash of the id, so that adding one id to a set
 * of thousands copies a bucket of ~n/64 entries instead of n. It keeps folding a long activity stream
 * (thousands of check-ins) cheap, stays plain JSON for snapshots, and never mutates its input.
 */
export type IdSet = Readonly<Record<string, Readonly<Record<string, 1>>>>;

export const emptyIdSet: IdSet = {};

const BUCKETS = 64;

/** FNV-1a: ULIDs share their time prefix, so their characters alone spread badly. */
function bucketOf(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % BUCKETS).toString(36);
}

export function idSetHas(set: IdSet, id: string): boolean {
  return set[bucketOf(id)]?.[id] === 1;
}

export function idSetAdd(set: IdSet, id: string): IdSet {
  if (idSetHas(set, id)) return set;
  const bucket = bucketOf(id);
  return { ...set, [bucket]: { ...set[bucket], [id]: 1 } };
}

export function idSetRemove(set: IdSet, id: string): IdSet {
  if (!idSetHas(set, id)) return set;
  const bucket = bucketOf(id);
  const { [id]: _removed, ...rest } = set[bucket]!;
  return { ...set, [bucket]: rest };
}
