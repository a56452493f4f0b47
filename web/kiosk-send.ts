import { isUlid } from '../client/index.js';
import { attempt, ledger } from './api.js';
import type { Outcome, Scan } from './kiosk-queue.js';

const outcomeOf = (refusal: { status: number; code: string; detail: string }): Outcome => {
  if (refusal.status === 0) return { kind: 'offline' };
  if (refusal.status === 401) return { kind: 'unauthorized' };
  // Busy or broken on the server's side: the same key again later is answered once.
  if (refusal.status >= 500 || refusal.status === 429 || refusal.code === 'idempotent-request-in-progress')
    return { kind: 'offline' };
  return { kind: 'refused', code: refusal.code, detail: refusal.detail };
};

/**
 * Sends one step of a scan: a walk-in's enrolment first (answered with their id), then the
 * attendance, a kiosk's, at the scan time, each under its own Idempotency-Key. An attendance the
 * ledger already has is sent.
 */
export async function sendScan(activityId: string, scan: Scan): Promise<Outcome> {
  if (scan.kind === 'walk-in' && !scan.residentId) {
    const enrolled = await attempt(() =>
      ledger.POST('/residents', {
        body: { name: scan.name, householdId: scan.householdId },
        headers: { 'idempotency-key': scan.enrolKey },
      }),
    );
    return enrolled.ok ? { kind: 'enrolled', residentId: enrolled.data.id } : outcomeOf(enrolled.refusal);
  }
  const residentId = scan.kind === 'walk-in' ? scan.residentId! : scan.residentId;
  const key = scan.kind === 'walk-in' ? scan.attendKey : scan.key;
  // Ids kept on the device are checked before they are sent: a damaged one is refused, not retried.
  if (!isUlid(activityId) || !isUlid(residentId))
    return { kind: 'refused', code: 'not-an-id', detail: 'the scan names an id the ledger did not issue' };
  const attended = await attempt(() =>
    ledger.POST('/activities/{activityId}/attendance', {
      params: { path: { activityId } },
      body: { residentId, method: 'kiosk', at: scan.at },
      headers: { 'idempotency-key': key },
    }),
  );
  if (attended.ok || attended.refusal.code === 'already-attended') return { kind: 'sent' };
  return outcomeOf(attended.refusal);
}
