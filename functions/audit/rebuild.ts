import type { Projection } from '../../domain/shared/projection.js';
import type { Commit, DomainEvent } from '../../events/index.js';
import { InMemoryViewStore } from '../adapters/memory-view-store.js';
import { readWholeHistory } from '../app/audit/history.js';
import type { RevealEvents } from '../app/personal-data.js';
import type { EventStore } from '../app/ports.js';
import { projectedMarkerKey, type StoredView, type ViewStore } from '../app/view-store.js';
import { Projector } from '../projector/projector.js';

export interface RebuildResult {
  readonly view: string;
  readonly items: number;
  readonly replaced: number;
  readonly passes: number;
}

const byStreamOrder = (a: Commit, b: Commit) =>
  a.streamId === b.streamId ? a.firstVersion - b.firstVersion : a.streamId < b.streamId ? -1 : 1;

async function replay(
  projection: Projection<DomainEvent, Record<string, unknown>>,
  commits: readonly Commit[],
  reveal?: RevealEvents,
) {
  const scratch = new InMemoryViewStore();
  const projector = new Projector(scratch, [projection], undefined, reveal);
  for (const commit of [...commits].sort(byStreamOrder)) await projector.applyCommit(commit);
  return scratch.all().filter((item) => item.ref.view !== projectedMarkerKey('', '').view);
}

/**
 * Rebuilds one view of a community from history while the live projector keeps writing. Every item
 * is recomputed from its stream's whole history in a scratch store and written back only if the live
 * item is not ahead of it; items whose stream moved on during the pass are recomputed again from the
 * longer history, until none moved. Writes that arrive meanwhile are therefore never lost, and the
 * view ends as a clean rebuild of the final history would make it.
 *
 * (DESIGN.md had a new generation plus a switch; per-item version guards make the in-place rebuild
 * safe without doubling every key or every read.)
 */
export async function rebuildView(
  deps: { events: EventStore; views: ViewStore; reveal?: RevealEvents },
  projection: Projection<DomainEvent, Record<string, unknown>>,
  community: string,
  maxPasses = 10,
): Promise<RebuildResult> {
  let history = await readWholeHistory(deps.events, community);
  let pending: StoredView[] = await replay(projection, history, deps.reveal);
  let items = pending.length;
  let replaced = 0;
  for (let pass = 1; ; pass++) {
    const movedOn = new Set<string>();
    for (const item of pending) {
      for (;;) {
        const live = await deps.views.get<Record<string, unknown>>(item.ref);
        if (live && live.owner === item.owner && live.appliedVersion > item.appliedVersion) {
          movedOn.add(item.owner);
          break;
        }
        if (await deps.views.putIfUnchanged(item, live)) {
          replaced++;
          break;
        }
      }
    }
    if (movedOn.size === 0 || pass >= maxPasses)
      return { view: projection.name, items, replaced, passes: pass };
    history = (await readWholeHistory(deps.events, community)).filter((c) => movedOn.has(c.streamId));
    pending = await replay(projection, history, deps.reveal);
    items = Math.max(items, pending.length);
  }
}
