import { describe, expect, it } from 'vitest';
import { type Outcome, type Scan, ScanQueue } from '../../web/kiosk-queue.js';

const kept = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
};
const attend = (n: number): Scan => ({
  kind: 'attend',
  id: `s${n}`,
  residentId: `R${n}`,
  name: `Resident ${n}`,
  at: `2026-09-10T02:0${n}:00.000Z`,
  key: `k${n}`,
});
const walkIn: Scan = {
  kind: 'walk-in',
  id: 'w',
  name: '赵敏',
  householdId: '7-3-302',
  at: '2026-09-10T02:09:00.000Z',
  enrolKey: 'ek',
  attendKey: 'ak',
};

describe("the kiosk's scan queue (web/kiosk-queue.ts)", () => {
  it('sends in order, stops at the first network failure and keeps the rest for the next try', async () => {
    const storage = kept();
    const queue = new ScanQueue(storage, 'A');
    for (const n of [1, 2, 3]) queue.add(attend(n));
    const sent: string[] = [];
    let up = 1;
    const send = async (scan: Scan): Promise<Outcome> => {
      if (up-- <= 0) return { kind: 'offline' };
      sent.push(scan.id);
      return { kind: 'sent' };
    };
    expect(await queue.flush(send)).toBe('offline');
    expect(sent).toEqual(['s1']);
    // Another page load (the same storage) finds the two still waiting.
    const reloaded = new ScanQueue(storage, 'A');
    expect(reloaded.waiting).toBe(2);
    up = 10;
    expect(await reloaded.flush(send)).toBe('done');
    expect(sent).toEqual(['s1', 's2', 's3']);
    expect(reloaded.waiting).toBe(0);
  });

  it('keeps a walk-in’s new id once enrolled, so a reload sends the attendance and never a second enrolment', async () => {
    const storage = kept();
    const queue = new ScanQueue(storage, 'A');
    queue.add(walkIn);
    const calls: string[] = [];
    const enrolOnly = async (scan: Scan): Promise<Outcome> => {
      if (scan.kind === 'walk-in' && !scan.residentId) {
        calls.push('enrol');
        return { kind: 'enrolled', residentId: 'R-NEW' };
      }
      return { kind: 'offline' };
    };
    expect(await queue.flush(enrolOnly)).toBe('offline');
    expect(new ScanQueue(storage, 'A').scans()).toEqual([{ ...walkIn, residentId: 'R-NEW' }]);
    const attendOnly = async (scan: Scan): Promise<Outcome> => {
      calls.push(scan.kind === 'walk-in' && scan.residentId ? `attend ${scan.residentId}` : 'enrol');
      return { kind: 'sent' };
    };
    expect(await new ScanQueue(storage, 'A').flush(attendOnly)).toBe('done');
    expect(calls).toEqual(['enrol', 'attend R-NEW']);
  });

  it('sets a refused scan aside with its reason, keeps a scan when the sign-in expired, and runs one send at a time', async () => {
    const queue = new ScanQueue(kept(), 'A');
    queue.add(attend(1));
    queue.add(attend(2));
    const refuseFirst = async (scan: Scan): Promise<Outcome> =>
      scan.id === 's1'
        ? { kind: 'refused', code: 'check-in-too-late', detail: 'closed' }
        : { kind: 'unauthorized' };
    expect(await queue.flush(refuseFirst)).toBe('unauthorized');
    expect(queue.refused()).toEqual([{ scan: attend(1), code: 'check-in-too-late', detail: 'closed' }]);
    expect(queue.scans()).toEqual([attend(2)]);
    let release!: () => void;
    const slow = () => new Promise<Outcome>((resolve) => (release = () => resolve({ kind: 'sent' })));
    const running = queue.flush(slow);
    expect(await queue.flush(slow)).toBe('busy');
    release();
    expect(await running).toBe('done');
  });
});
