/**
 * An immutable set of ids, bucketed by the id's last character, so that adding one id to a set of
 * thousands copies about √n entries instead of n. It keeps folding a long activity stream (thousands
 * of check-ins) linear, stays plain JSON for snapshots, and never mutates its input.
 */
export type IdSet = Readonly<Record<string, Readonly<Record<string, 1>>>>;

export const emptyIdSet: IdSet = {};

const bucketOf = (id: string) => id.slice(-1);

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

export function idSetSize(set: IdSet): number {
  let size = 0;
  for (const bucket of Object.values(set)) size += Object.keys(bucket).length;
  return size;
}
