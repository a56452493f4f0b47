import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedgerEvent } from '../../client/events.js';
import { startApi, type TestApi } from '../support/api.js';

type BusEvent = {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: {
    community: string;
    streamId: string;
    eventId: string;
    streamVersion: number;
    commitId: string;
    hash: string;
    data: Record<string, unknown>;
  };
};

describe('the event bus: every committed event announced once, in order (publisher → local bus file)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const busEvents = (): BusEvent[] => {
    const text = readFileSync(join(api.runtime.busDir, 'events.ndjson'), 'utf8');
    return text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  };

  it('publishes each event of each commit with the service as source and the event type as detail-type', async () => {
    const admin = await api.token('admin');
    const enrolled = await api.call('POST', '/residents', {
      token: admin,
      body: { name: 'Bus Rider', householdId: 'H-9', building: '1', partyMember: true, phone: '13800000000' },
    });
    expect(enrolled.status).toBe(201);
    const refused = await api.call('POST', '/residents', { token: admin, body: { name: '' } });
    expect(refused.status).toBe(400);
    await api.runtime.dispatcher.idle();

    const events = busEvents();
    const history = await api.runtime.deps.events.readStream(String(enrolled.body.streamId));
    const stored = history.commits.flatMap((commit) => commit.events.map((event) => ({ commit, event })));
    // Exactly the stored events of that stream, nothing for the refused request.
    const announced = events.filter((e) => e.detail.streamId === enrolled.body.streamId);
    expect(announced.map((e) => e.detail.eventId)).toEqual(stored.map((s) => s.event.eventId));
    expect(announced[0]).toMatchObject({
      source: 'community-culture-ledger',
      'detail-type': 'ResidentEnrolled',
      detail: {
        community: 'demo',
        streamVersion: 1,
        commitId: stored[0]!.commit.commitId,
        hash: stored[0]!.commit.hash,
      },
    });
    expect(new Set(events.map((e) => e.detail.eventId)).size).toBe(events.length);
    // A record's id is its event's id, the same on every delivery: consumers dedupe on it.
    expect(events.filter((e) => e.id !== e.detail.eventId)).toEqual([]);
    // Nothing more, nothing less than the community's whole history (the refused request wrote none).
    const everyStored = (
      await api.runtime.deps.events.readHistory({ community: 'demo', limit: 1000 })
    ).commits.flatMap((commit) => commit.events.map((event) => event.eventId));
    expect(events.map((e) => e.detail.eventId).sort()).toEqual(everyStored.sort());
  });

  it("a consumer's guard accepts every announced event, lifted to its current shape, and refuses a tampered one (issue 27)", async () => {
    const events = busEvents();
    expect(events.length).toBeGreaterThan(0);
    for (const announced of events) {
      const read = readLedgerEvent(announced.detail);
      expect(read, announced['detail-type']).toMatchObject({
        ok: true,
        event: { type: announced['detail-type'] },
      });
    }
    const sample = events[0]!.detail;
    for (const tampered of [
      { ...sample, data: { ...sample.data, residentId: 42 } },
      { ...sample, data: { ...sample.data, extra: 'x' } },
      { ...sample, type: 'ActivityHeld' },
      { ...sample, schemaVersion: 99 },
      { ...sample, streamId: undefined },
      'not json',
    ])
      expect(readLedgerEvent(tampered)).toMatchObject({ ok: false });
  });
});
