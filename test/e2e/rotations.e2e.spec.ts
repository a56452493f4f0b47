import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignSlots, seedOfDay, shuffledRoster } from '../../domain/rotation/draw.js';
import { commitCount, startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = { id: string; streamId: string; version: number; code?: string; detail?: string };
type Slot = {
  number: number;
  date: string;
  label?: string;
  activityId?: string;
  participant?: string;
  drawnParticipant?: string;
};
type Rotation = {
  rotationId: string;
  status: string;
  seedDay: string;
  algorithm: string;
  participants: { key: string }[];
  slots: Slot[];
  draw?: { seed: { day: string; digestDay: string; digest: string }; algorithm: string; order: string[] };
  swaps: { slotA: number; slotB: number; reason: string }[];
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const participants = [
  { key: 'school-1', name: 'No. 1 Primary School', kind: 'school' },
  { key: 'kindergarten', name: 'Sunflower Kindergarten', kind: 'school' },
  { key: 'police', name: 'Police station', kind: 'unit' },
  { key: 'clinic', name: 'Community clinic', kind: 'unit' },
];

describe('rotating performances over HTTP: announce, draw from a published digest, swap', () => {
  const clock = new ManualClock('2026-05-04T02:00:00Z');
  let api: TestApi;
  let organizer: string;
  let planId: string;
  let activityId: string;

  beforeAll(async () => {
    api = await startApi({ clock });
    organizer = await api.token('organizer');
    planId = (
      await api.as(await api.token('admin')).call<Answer>('POST', '/plans', {
        communityName: 'Venus',
        year: 2026,
        title: 'Plan',
      })
    ).body.id;
    activityId = (
      await api.as(organizer).call<Answer>('POST', '/activities', {
        planId,
        category: 'festival',
        format: 'performance',
        title: 'June 1 "flying dream" performance',
        window: { start: '2026-06-01', end: '2026-06-01' },
      })
    ).body.id;
  }, 60_000);
  afterAll(async () => api?.close());

  it('draws once the seed day has its digest, in the order anyone recomputes from GET /audit/digests', async () => {
    const slots = [
      { date: '2026-10-01', label: 'National Day' },
      activityId,
      { date: '2026-07-01', label: 'July 1' },
      { date: '2026-08-01', label: 'Army Day' },
      { date: '2026-09-30', label: 'National Day eve' },
      { date: '2026-12-31', label: 'New Year’s Eve' },
    ];
    const resident = await api.token('resident', { sub: 'someone' });
    expect(
      (
        await api.as(resident).call<Answer>('POST', '/rotations', {
          planId,
          title: 'x',
          participants,
          slots,
          seedDay: '2026-05-06',
        })
      ).status,
    ).toBe(403);
    const today = await api.as(organizer).call<Answer>('POST', '/rotations', {
      planId,
      title: 'x',
      participants,
      slots,
      seedDay: '2026-05-04',
    });
    expect([today.status, today.body.code], JSON.stringify(today.body)).toEqual([400, 'seed-day-not-ahead']);

    const announced = await api.as(organizer).call<Answer>('POST', '/rotations', {
      planId,
      title: 'Performances by the units and schools',
      participants,
      slots,
      seedDay: '2026-05-06',
    });
    expect(announced.status).toBe(201);
    const id = announced.body.id;
    const before = await api.as(resident).call<Rotation>('GET', `/rotations/${id}`);
    expect(before.body.status).toBe('announced');
    expect(before.body.slots.map((s) => [s.number, s.date, s.activityId ?? s.label])).toEqual([
      [1, '2026-06-01', activityId],
      [2, '2026-07-01', 'July 1'],
      [3, '2026-08-01', 'Army Day'],
      [4, '2026-09-30', 'National Day eve'],
      [5, '2026-10-01', 'National Day'],
      [6, '2026-12-31', 'New Year’s Eve'],
    ]);

    // On the seed day itself the digest cannot exist yet: refused, saying from when, and nothing is written.
    clock.set('2026-05-06T15:00:00Z');
    await api
      .as(organizer)
      .call<Answer>('POST', '/residents', { name: 'A commit of the seed day', householdId: 'H-1' });
    const commits = await commitCount(api);
    const early = await api.as(organizer).call<Answer>('POST', `/rotations/${id}/draw`);
    expect([early.status, early.body.code]).toEqual([409, 'seed-not-yet-known']);
    expect(early.body.detail).toContain('2026-05-07T00:00:00.000Z');
    expect(await commitCount(api)).toBe(commits);

    clock.set('2026-05-07T01:00:00Z');
    const drawn = await api.as(organizer).call<Answer>('POST', `/rotations/${id}/draw`);
    expect(drawn.status).toBe(201);
    const again = await api.as(organizer).call<Answer>('POST', `/rotations/${id}/draw`);
    expect([again.status, again.body.code]).toEqual([409, 'rotation-already-drawn']);

    // An auditor recomputes the draw from the published digests with the documented function.
    const auditor = await api.token('auditor');
    const digests = await api
      .as(auditor)
      .call<{ items: { day: string; digest: string }[] }>('GET', '/audit/digests');
    const seed = seedOfDay(digests.body.items, '2026-05-06')!;
    expect(seed.digestDay).toBe('2026-05-06');
    const order = shuffledRoster(
      { seed: seed.digest, rotationId: id, keys: participants.map((p) => p.key) },
      sha256,
    );
    const rotation = (await api.as(resident).call<Rotation>('GET', `/rotations/${id}`)).body;
    expect(rotation.draw).toMatchObject({ seed, algorithm: 'fisher-yates-sha256-v1', order });
    expect(rotation.slots.map((s) => s.participant)).toEqual(assignSlots(order, 6).map((a) => a.participant));
    // Four participants, six slots: two perform twice, the others once, four slots apart.
    expect(rotation.slots[4]!.participant).toBe(rotation.slots[0]!.participant);
    expect(rotation.slots[5]!.participant).toBe(rotation.slots[1]!.participant);
    const history = await api
      .as(auditor)
      .call<{ commits: { events: { type: string; data: Record<string, unknown> }[] }[] }>(
        'GET',
        `/audit/streams/${encodeURIComponent(announced.body.streamId)}`,
      );
    expect(history.body.commits[1]!.events[0]!.data).toMatchObject({ seed, order });
  });

  it('swaps two slots as an event: the current holders change, the draw stays as drawn', async () => {
    const rotations = await api
      .as(organizer)
      .call<{ items: Rotation[] }>('GET', `/rotations?planId=${planId}`);
    const drawn = rotations.body.items.find((r) => r.status === 'drawn')!;
    const id = drawn.rotationId;
    const [first, second] = [drawn.slots[0]!.participant, drawn.slots[1]!.participant];
    const swap = await api.as(organizer).call<Answer>('POST', `/rotations/${id}/swaps`, {
      slotA: 1,
      slotB: 2,
      reason: 'the school has exams',
    });
    expect(swap.status).toBe(201);
    // Slot 5 was drawn for slot 1's participant, who now holds slot 2 too: nothing to swap.
    const same = await api
      .as(organizer)
      .call<Answer>('POST', `/rotations/${id}/swaps`, { slotA: 2, slotB: 5, reason: 'x' });
    expect([same.status, same.body.code]).toEqual([409, 'same-participant']);
    const missing = await api.as(organizer).call<Answer>('POST', `/rotations/${id}/swaps`, {
      slotA: 1,
      slotB: 9,
      reason: 'x',
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'slot-not-found']);
    const after = (await api.as(await api.token('leader')).call<Rotation>('GET', `/rotations/${id}`)).body;
    expect(after.slots.slice(0, 2).map((s) => [s.participant, s.drawnParticipant])).toEqual([
      [second, first],
      [first, second],
    ]);
    expect(after.swaps).toMatchObject([{ slotA: 1, slotB: 2, reason: 'the school has exams' }]);
    expect(after.draw!.order).toEqual(drawn.draw!.order);
    expect((await api.as(organizer).call<Answer>('GET', `/rotations/${'0'.repeat(26)}`)).status).toBe(404);
  });
});
