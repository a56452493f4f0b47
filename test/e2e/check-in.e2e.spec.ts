import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitCount, startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = Record<string, unknown> & { id: string; code: string; type: string; detail: string };
type Link = { url: string; ticket: string; opens: string; expires: string };
type Attendee = { residentId: string; method: string; at: string; recordedAt: string; correction?: unknown };

/** Issue 25's time rules and issue 28's check-in ticket, over HTTP, on a clock the test moves. */
describe('check-in: when it is accepted, and the ticket of the sheet’s QR code', () => {
  let api: TestApi;
  let organizer: string;
  let planId: string;
  const residents: string[] = [];
  // Thursday 10 September 2026, 10:00 in Shanghai.
  const clock = new ManualClock('2026-09-10T02:00:00Z');
  const activity = async (start: string, end: string) =>
    (
      await api.as(organizer).post<Answer>('/activities', {
        planId,
        category: 'legal-education',
        format: 'lecture',
        title: '宪法宣传讲座',
        window: { start, end },
      })
    ).body.id;

  beforeAll(async () => {
    api = await startApi({ clock });
    organizer = await api.token('organizer');
    const admin = await api.token('admin');
    const plan = await api.as(admin).post<Answer>('/plans', {
      communityName: '金星社区',
      year: 2026,
      title: '2026年文化服务',
      checkInMarginMinutes: 15,
    });
    planId = plan.body.id;
    for (let i = 0; i < 4; i++)
      residents.push(
        (await api.as(admin).post<Answer>('/residents', { name: `居民${i}`, householdId: `H-${i}` })).body.id,
      );
  });
  afterAll(async () => api?.close());

  it('refuses a check-in four days early and a held dated before the window, clearly, and writes nothing (issue 25)', async () => {
    const id = await activity('2026-09-14T19:00:00+08:00', '2026-09-14T21:00:00+08:00');
    const plan = await api.as(organizer).get<{ checkInMarginMinutes: number }>(`/plans/${planId}`);
    expect(plan.body.checkInMarginMinutes).toBe(15);
    const shown = await api
      .as(organizer)
      .get<{ checkIn: { opens: string; closes: string } }>(`/activities/${id}`);
    expect(shown.body.checkIn).toEqual({
      opens: '2026-09-14T10:45:00.000Z',
      closes: '2026-09-14T13:15:00.000Z',
    });
    const before = await commitCount(api);
    const early = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[0],
      method: 'organizer',
    });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toBe('application/problem+json');
    expect(early.body).toMatchObject({ type: '/problems/check-in-too-early', code: 'check-in-too-early' });
    expect(early.body.detail).toContain('2026-09-14T10:45:00.000Z');
    const heldToday = await api
      .as(organizer)
      .post<Answer>(`/activities/${id}/held`, { heldOn: '2026-09-10', summary: 'x' });
    expect(heldToday.status).toBe(400);
    expect(heldToday.body).toMatchObject({ type: '/problems/held-before-window' });
    clock.set('2026-09-14T12:00:00Z');
    const heldAhead = await api
      .as(organizer)
      .post<Answer>(`/activities/${id}/held`, { heldOn: '2026-09-15', summary: 'x' });
    expect(heldAhead.body).toMatchObject({ type: '/problems/held-in-future' });
    expect(await commitCount(api)).toBe(before);
    clock.set('2026-09-10T02:00:00Z');
  });

  it("takes a resident's own check-in with the sheet's ticket only, at the server's clock; a photographed sheet fails next week", async () => {
    const id = await activity('2026-09-10T09:30:00+08:00', '2026-09-10T11:30:00+08:00');
    const other = await activity('2026-09-10T09:30:00+08:00', '2026-09-10T11:30:00+08:00');
    const link = await api.as(organizer).get<Link>(`/activities/${id}/check-in-link`);
    expect(link.status).toBe(200);
    expect(link.body.url).toBe(`${api.url}/check-in/${id}?t=${link.body.ticket}`);
    expect(link.body.expires).toBe('2026-09-10T03:45:00.000Z');
    const me = await api.token('resident', { sub: residents[1] });
    const own = (body: Record<string, unknown>) =>
      api
        .as(me)
        .post<Answer>(`/activities/${id}/attendance`, { residentId: residents[1], method: 'qr', ...body });
    expect((await own({})).body).toMatchObject({ code: 'check-in-ticket-required' });
    const forged = `${link.body.ticket.slice(0, -4)}AAAA`;
    expect((await own({ ticket: forged })).body).toMatchObject({ type: '/problems/check-in-ticket-invalid' });
    const elsewhere = (await api.as(organizer).get<Link>(`/activities/${other}/check-in-link`)).body.ticket;
    expect((await own({ ticket: elsewhere })).body).toMatchObject({
      code: 'check-in-ticket-for-another-activity',
    });
    // A ticket is no bearer token, and a bearer token no ticket.
    expect((await api.as(link.body.ticket).get<Answer>(`/activities/${id}`)).status).toBe(401);
    expect((await own({ ticket: me })).body).toMatchObject({ code: 'check-in-ticket-invalid' });
    // The resident dates nothing themselves: the server's clock does.
    expect((await own({ ticket: link.body.ticket, at: '2026-09-10T09:40:00+08:00' })).status).toBe(403);
    const checkedIn = await own({ ticket: link.body.ticket });
    expect(checkedIn.status).toBe(201);
    const attendees = await api.as(organizer).get<{ attendees: Attendee[] }>(`/activities/${id}`);
    expect(attendees.body.attendees).toEqual([
      expect.objectContaining({ residentId: residents[1], method: 'qr', at: '2026-09-10T02:00:00.000Z' }),
    ]);
    // A week later the same QR code is refused, by the API and by the page it opens.
    clock.set('2026-09-17T02:00:00Z');
    const me2 = await api.token('resident', { sub: residents[2] });
    const late = await api.as(me2).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[2],
      method: 'qr',
      ticket: link.body.ticket,
    });
    expect(late.status).toBe(403);
    expect(late.body).toMatchObject({ type: '/problems/check-in-ticket-expired' });
    const expiredPage = await fetch(link.body.url);
    expect(expiredPage.status).toBe(200);
    const expiredHtml = await expiredPage.text();
    expect(expiredHtml).toContain('签到已结束');
    expect(expiredHtml).toContain('2026年9月10日 11:45');
    expect(expiredHtml).not.toContain('check-in.js');
    const forgedPage = await (await fetch(`${api.url}/check-in/${id}?t=${forged}`)).text();
    expect(forgedPage).toContain('此二维码无效');
    const inEnglish = await fetch(`${api.url}/check-in/${id}?t=${forged}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(await inEnglish.text()).toContain('This QR code is not valid');
    clock.set('2026-09-10T02:00:00Z');
  });

  it("records a kiosk's queued scan at its scan time however late it arrives (up to 7 days), once per key", async () => {
    const id = await activity('2026-09-10T09:30:00+08:00', '2026-09-10T11:30:00+08:00');
    const scan = { residentId: residents[3], method: 'kiosk', at: '2026-09-10T10:02:03.456+08:00' };
    clock.set('2026-09-16T09:00:00Z');
    const first = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, scan, {
      headers: {
        'idempotency-key': 'scan-1',
      },
    });
    expect(first.status).toBe(201);
    const replay = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, scan, {
      headers: {
        'idempotency-key': 'scan-1',
      },
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const shown = await api
      .as(organizer)
      .get<{ attendees: Attendee[]; attendanceCount: number }>(`/activities/${id}`);
    expect(shown.body.attendanceCount).toBe(1);
    expect(shown.body.attendees).toEqual([
      expect.objectContaining({
        at: '2026-09-10T02:02:03.456Z',
        recordedAt: expect.stringMatching(/^2026-09-16T09:/),
      }),
    ]);
    clock.set('2026-09-17T02:02:04Z');
    const tooOld = await api
      .as(organizer)
      .post<Answer>(`/activities/${id}/attendance`, { ...scan, residentId: residents[0] });
    expect(tooOld.status).toBe(400);
    expect(tooOld.body).toMatchObject({ type: '/problems/scan-too-old' });
    clock.set('2026-09-10T02:00:00Z');
  });

  it("records a sign-in outside the bounds only as an organizer's correction, which the record shows", async () => {
    const id = await activity('2026-09-01T19:00:00+08:00', '2026-09-01T21:00:00+08:00');
    const late = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[0],
      method: 'organizer',
    });
    expect(late.body).toMatchObject({ type: '/problems/check-in-too-late' });
    const dated = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[0],
      method: 'organizer',
      at: '2026-09-01T19:20:00+08:00',
    });
    expect(dated.body).toMatchObject({ code: 'check-in-time-not-allowed' });
    const asResident = await api
      .as(await api.token('resident', { sub: residents[0] }))
      .post<Answer>(`/activities/${id}/attendance`, {
        residentId: residents[0],
        method: 'organizer',
        correction: { reason: 'me' },
      });
    expect(asResident.status).toBe(403);
    const correction = await api.as(organizer).post<Answer>(`/activities/${id}/attendance`, {
      residentId: residents[0],
      method: 'organizer',
      at: '2026-09-01T19:20:00+08:00',
      correction: { reason: '纸质签到表补录' },
    });
    expect(correction.status).toBe(201);
    const shown = await api.as(organizer).get<{ attendees: Attendee[] }>(`/activities/${id}`);
    expect(shown.body.attendees).toEqual([
      expect.objectContaining({
        method: 'organizer',
        at: '2026-09-01T11:20:00.000Z',
        correction: { reason: '纸质签到表补录' },
      }),
    ]);
  });
});
