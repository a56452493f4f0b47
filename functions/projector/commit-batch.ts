import type { DocumentRef } from '../../domain/shared/projection.js';
import type { Commit } from '../../events/index.js';

/** A stream's commits of one batch in version order, each once (a batch may carry a redelivered copy). */
export function inVersionOrder(commits: readonly Commit[]): Commit[] {
  const ordered: Commit[] = [];
  for (const commit of [...commits].sort((a, b) => a.firstVersion - b.firstVersion)) {
    if (commit.firstVersion > (ordered.at(-1)?.lastVersion ?? 0)) ordered.push(commit);
  }
  return ordered;
}

/** Commits by a key of theirs, each group in the batch's order. */
export function groupedBy(
  commits: readonly Commit[],
  keyOf: (commit: Commit) => string,
): Map<string, Commit[]> {
  const groups = new Map<string, Commit[]>();
  for (const commit of commits) {
    const group = groups.get(keyOf(commit));
    if (group) group.push(commit);
    else groups.set(keyOf(commit), [commit]);
  }
  return groups;
}

/** A view document's id in the maps a batch keeps, and back. */
export const itemIdOf = ({ community, view, id }: DocumentRef) => JSON.stringify([community, view, ...id]);
export const itemKeyOf = (itemId: string): DocumentRef => {
  const [community, view, ...id] = JSON.parse(itemId) as string[];
  return { community: community!, view: view!, id };
};
