import { expect } from 'vitest';
import type { TestApi } from './api.js';

/** The routes the seed does not reach: reads of every kind, PDFs, a report sent, an erasure, audit. */
export async function journey(api: TestApi, planId: string): Promise<void> {
  const admin = await api.token('admin');
  const auditor = await api.token('auditor');
  const get = async <T = Record<string, unknown>>(path: string, headers: Record<string, string> = {}) => {
    const answer = await api.call<T>('GET', path, { token: admin, headers });
    expect(answer.status, `GET ${path}`).toBeLessThan(300);
    return answer.body;
  };
  const post = async <T = Record<string, unknown>>(path: string, body?: unknown, headers = {}) => {
    const answer = await api.call<T>('POST', path, { token: admin, body, headers });
    expect(answer.status, `POST ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const first = async (path: string, field: string) =>
    (await get<{ items: Record<string, string>[] }>(path)).items[0]![field]!;
  const residentId = await first('/residents?limit=5', 'residentId');
  const activityId = await first(`/activities?planId=${planId}&status=held&limit=5`, 'activityId');
  await get(`/plans/${planId}`);
  await get(`/plans/${planId}/compliance`);
  await get(`/plans/${planId}/study-records?period=2026-Q3`);
  await get(`/residents/${residentId}`);
  await get(`/residents/${residentId}/participation`);
  await get(`/residents/${residentId}/study-record?year=2026`);
  await get(`/activities/${activityId}`);
  await get(`/equipment/overdue?asOf=2026-11-28T00:00:00Z`);
  for (const list of [
    '/venues',
    '/instructors',
    ...['books', 'rotations', 'articles'].map((l) => `/${l}?planId=${planId}`),
  ])
    await get(list);
  await get(`/good-deeds?planId=${planId}`);
  await get(`/reports/${planId}?period=2026-Q3`);
  await get(`/reports/${planId}?period=2026-10`, { accept: 'application/pdf' });
  await get(`/activities/${activityId}/sign-in-sheet`, { accept: 'application/pdf' });
  await get(`/plans/${planId}/ledger?year=2026`, { accept: 'application/pdf' });
  // A keyed command, replayed: the idempotency records.
  const resident = { name: 'Wen Shu', householdId: 'H-9', email: 'wen@example.org', phone: '13900001111' };
  const created = await post<{ id: string }>('/residents', resident, { 'idempotency-key': 'iam-journey-1' });
  await post('/residents', resident, { 'idempotency-key': 'iam-journey-1' });
  await api.runtime.dispatcher.idle();
  await post(`/reports/${planId}/send?period=2026-10`);
  await post(`/residents/${created.id}/erase`);
  await api.runtime.dispatcher.idle();
  await get(`/residents/${created.id}`);
  for (const path of ['/audit/events?limit=50', '/audit/verify', '/audit/digests'])
    await api.call('GET', path, { token: auditor }).then((a) => expect(a.status, path).toBeLessThan(300));
  await api.call('GET', '/audit/events', { token: auditor, headers: { accept: 'application/x-ndjson' } });
  await api.call('GET', `/audit/streams/${encodeURIComponent(`demo#resident#${residentId}`)}`, {
    token: auditor,
  });
  // The daily run the day after (today's commits closed), then the auditors' own request.
  const daily = await api.runtime.dailyDigests({ time: new Date(Date.now() + 86_400_000).toISOString() });
  expect(daily.written.length, 'digests written by the daily run').toBeGreaterThan(0);
  await api.call('POST', '/audit/digests', { token: auditor });
  await api.runtime.scheduledReports({ time: '2026-12-01T08:00:00+08:00' });
}
