import { describe, expect, it } from 'vitest';
import { longWindowKey } from '../../../domain/activity/long-window.view.js';
import { projections } from '../../../domain/projections.js';
import type { DocumentRef } from '../../../domain/shared/projection.js';
import { InMemoryViewStore } from '../../../functions/adapters/memory-view-store.js';
import { keyOf } from '../../../functions/adapters/view-layout.js';
import type { StoredView } from '../../../functions/app/view-store.js';
import { Projector } from '../../../functions/projector/projector.js';
import { oneEventCommit } from '../../support/commits.js';

const C = 'demo';
const STREAM = `${C}#activity#A1`;
const LONG_WINDOW = keyOf(longWindowKey(C, 'A1'));
const isLongWindow = (ref: DocumentRef) => {
  const key = keyOf(ref);
  return key.pk === LONG_WINDOW.pk && key.sk === LONG_WINDOW.sk;
};

/** The in-memory view store, counting the reads and writes of the activity's long-window item. */
class CountingViews extends InMemoryViewStore {
  reads = 0;
  writes = 0;
  override async get<D>(key: DocumentRef) {
    if (isLongWindow(key)) this.reads++;
    return super.get<D>(key);
  }
  override async getMany<D>(keys: readonly DocumentRef[]) {
    this.reads += keys.filter(isLongWindow).length;
    return super.getMany<D>(keys);
  }
  override async putIfUnchanged(
    item: StoredView,
    previous: Pick<StoredView, 'appliedVersion' | 'revision'> | undefined,
  ) {
    if (isLongWindow(item.ref)) this.writes++;
    return super.putIfUnchanged(item, previous);
  }
}

const planned = oneEventCommit(C, STREAM, 1, 'ActivityPlanned', {
  activityId: 'A1',
  planId: 'P1',
  planYear: 2026,
  timeZone: 'Asia/Shanghai',
  category: 'festival',
  format: 'lecture',
  title: 'Spring festival fair',
  window: { start: '2026-01-05T00:00:00.000Z', end: '2026-04-30T15:59:59.999Z' },
});

/**
 * Issue 24: a kiosk's thousand check-ins are the commonest events. The calendar's list of long
 * windows holds only what changes when an activity is planned, rescheduled, cancelled or held, so a
 * registration or a check-in costs the projector no read or write of it, long window or not.
 */
describe('the list of long windows, as the projector keeps it', () => {
  it('a registration or an attendance neither reads nor writes the activity’s long-window item', async () => {
    const views = new CountingViews();
    const projector = new Projector(views, projections);
    await projector.applyCommit(planned);
    expect(views.writes).toBe(1);
    views.reads = 0;
    views.writes = 0;

    await projector.applyCommit(oneEventCommit(C, STREAM, 2, 'ResidentRegistered', { residentId: 'R1' }));
    await projector.applyCommit(
      oneEventCommit(C, STREAM, 3, 'ResidentAttended', {
        residentId: 'R1',
        method: 'kiosk',
        at: '2026-01-05T01:00:00.000Z',
      }),
    );

    expect({ reads: views.reads, writes: views.writes }).toEqual({ reads: 0, writes: 0 });
  });
});
