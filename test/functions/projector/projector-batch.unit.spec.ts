import { describe, expect, it } from 'vitest';
import { projections } from '../../../domain/projections.js';
import { residentKey } from '../../../domain/resident/resident.view.js';
import type { DocumentRef } from '../../../domain/shared/projection.js';
import type { DomainEvent } from '../../../events/index.js';
import { InMemoryViewStore } from '../../../functions/adapters/memory-view-store.js';
import { keyOf } from '../../../functions/adapters/view-layout.js';
import { projectedMarkerKey } from '../../../functions/app/view-store.js';
import { Projector } from '../../../functions/projector/projector.js';
import { oneEventCommit } from '../../support/commits.js';

const C = 'demo';

const commit = (streamId: string, version: number, type: string, data: unknown) =>
  oneEventCommit(C, streamId, version, type, data);

const enrolment = (id: string) =>
  commit(`${C}#resident#${id}`, 1, 'ResidentEnrolled', {
    residentId: id,
    name: `sealed:${id}`,
    householdId: 'H1',
    partyMember: false,
  });

/** The in-memory view store, counting the reads the projector makes. */
class CountingViews extends InMemoryViewStore {
  reads: DocumentRef[] = [];
  override async get<D>(key: DocumentRef) {
    this.reads.push(key);
    return super.get<D>(key);
  }
  override async getMany<D>(keys: readonly DocumentRef[]) {
    this.reads.push(...keys);
    return super.getMany<D>(keys);
  }
}

/** Reveals `sealed:<x>` as `<x>`, one call per community per batch, and counts the calls. */
function revealer() {
  const calls: { community: string; events: number }[] = [];
  let failing = false;
  const reveal = async (community: string, events: readonly DomainEvent[]) => {
    calls.push({ community, events: events.length });
    if (failing) throw new Error('keys unavailable');
    return events.map((event) =>
      event.type === 'ResidentEnrolled'
        ? { ...event, data: { ...event.data, name: event.data.name.replace('sealed:', '') } }
        : event,
    );
  };
  return { calls, reveal, fail: (on: boolean) => (failing = on) };
}

const profileOf = (views: InMemoryViewStore, id: string) => {
  const key = keyOf(residentKey(C, id));
  return views.items.get(`${key.pk}\u0000${key.sk}`);
};
const markerOf = (views: InMemoryViewStore, streamId: string) => {
  const key = keyOf(projectedMarkerKey(C, streamId));
  return views.items.get(`${key.pk}\u0000${key.sk}`);
};

describe('Projector.applyBatch: what a batch reads', () => {
  it('streams a batch starts are written without reading their items, and the keys are read once for the batch', async () => {
    const views = new CountingViews();
    const keys = revealer();
    const projector = new Projector(views, projections, undefined, keys.reveal);
    const batch = Array.from({ length: 12 }, (_, i) => enrolment(`R${i}`));

    expect(await projector.applyBatch(batch)).toEqual(new Set());

    expect(views.reads).toEqual([]);
    expect(keys.calls).toEqual([{ community: C, events: 12 }]);
    for (let i = 0; i < 12; i++) {
      expect(profileOf(views, `R${i}`)?.data).toMatchObject({ name: `R${i}` });
      expect(markerOf(views, `${C}#resident#R${i}`)?.appliedVersion).toBe(1);
    }
  });

  it('a redelivered batch of new streams finds their items there and changes nothing', async () => {
    const views = new CountingViews();
    const projector = new Projector(views, projections, undefined, revealer().reveal);
    const batch = Array.from({ length: 3 }, (_, i) => enrolment(`D${i}`));
    await projector.applyBatch(batch);
    const before = structuredClone([...views.items]);

    expect(await projector.applyBatch(batch)).toEqual(new Set());

    expect([...views.items]).toEqual(before);
  });

  it('items of streams the batch continues are read in one batched read, and only those', async () => {
    const views = new CountingViews();
    const projector = new Projector(views, projections, undefined, revealer().reveal);
    const first = enrolment('E1');
    await projector.applyBatch([first]);
    views.reads = [];
    const erased = commit(first.streamId, 2, 'ResidentPersonalDataErased', { residentId: 'E1' });

    await projector.applyBatch([erased, enrolment('E2')]);

    expect(views.reads).toEqual([residentKey(C, 'E1')]);
    expect(markerOf(views, first.streamId)?.appliedVersion).toBe(2);
    expect(profileOf(views, 'E2')?.appliedVersion).toBe(1);
  });

  it('when the keys cannot be read, every stream of the batch fails, nothing is written, and a redelivery applies it', async () => {
    const views = new CountingViews();
    const keys = revealer();
    const projector = new Projector(views, projections, undefined, keys.reveal);
    const batch = [enrolment('F1'), enrolment('F2')];
    keys.fail(true);

    expect(await projector.applyBatch(batch)).toEqual(new Set(batch.map((c) => c.streamId)));
    expect(views.items.size).toBe(0);

    keys.fail(false);
    expect(await projector.applyBatch(batch)).toEqual(new Set());
    expect(profileOf(views, 'F2')?.data).toMatchObject({ name: 'F2' });
  });

  it('a single commit that cannot be applied throws (rebuilds and replays stop on it)', async () => {
    const keys = revealer();
    const projector = new Projector(new CountingViews(), projections, undefined, keys.reveal);
    keys.fail(true);
    await expect(projector.applyCommit(enrolment('G1'))).rejects.toThrow('keys unavailable');
  });
});
