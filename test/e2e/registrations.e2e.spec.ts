import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, pdftotextAvailable } from '../functions/printing/pdf-tools.js';
import { startApi, type TestApi } from '../support/api.js';
import { ManualClock } from '../support/clock.js';

type Answer = Record<string, unknown> & {
  id: string;
  position: string;
  version: number;
  events: { type: string }[];
  code?: string;
  detail?: string;
};

/**
 * Registrations people can change: a full activity answers with a place on its waitlist, a
 * cancellation before the window opens gives the place to the first in line in the same commit, and
 * the promoted resident reads it in their mailbox (the local outbox). Everything through the API.
 */
describe('registrations: the waitlist, cancellations and promotions over HTTP', () => {
  const clock = new ManualClock('2026-05-01T02:00:00Z');
  const readPdfs = pdftotextAvailable();
  let api: TestApi;
  let admin: string;
  let organizer: string;
  let planId: string;
  let activityId: string;
  /** The position of the last change to the activity, whoever made it. */
  let lastChange: string;
  const people: Record<'zhang' | 'li' | 'wang' | 'zhao' | 'chen', string> = {
    zhang: '',
    li: '',
    wang: '',
    zhao: '',
    chen: '',
  };
  const asResident = (residentId: string) => api.token('resident', { sub: residentId });
  const register = async (residentId: string, token?: string) =>
    api
      .as(token ?? (await asResident(residentId)))
      .post<Answer>(`/activities/${activityId}/registrations`, { residentId });
  const cancel = async (residentId: string, token?: string, body: unknown = {}) =>
    api
      .as(token ?? (await asResident(residentId)))
      .post<Answer>(`/activities/${activityId}/registrations/${residentId}/cancel`, body);
  const outbox = () => {
    try {
      return readdirSync(api.runtime.outboxDir).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    api = await startApi({ clock });
    admin = await api.token('admin');
    organizer = await api.token('organizer');
    planId = (
      await api
        .as(admin)
        .post<Answer>('/plans', { communityName: '金星社区', year: 2026, title: '2026年文化服务计划' })
    ).body.id;
    const enrol = async (name: string, building: string, email?: string) =>
      (
        await api.as(admin).post<Answer>('/residents', {
          name,
          householdId: `H-${name}`,
          building,
          ...(email ? { email } : {}),
        })
      ).body.id;
    people.zhang = await enrol('张伟', '3号楼', 'zhangwei@example.org');
    people.li = await enrol('李娜', '5号楼', 'lina@example.org');
    people.wang = await enrol('王芳', '2号楼', 'wangfang@example.org');
    people.zhao = await enrol('赵磊', '7号楼');
    people.chen = await enrol('陈静', '1号楼', 'chenjing@example.org');
    activityId = (
      await api.as(organizer).post<Answer>('/activities', {
        planId,
        category: 'library-reading',
        format: 'reading',
        title: '亲子阅读会',
        venue: '社区图书室',
        window: { start: '2026-05-20T19:00:00+08:00', end: '2026-05-20T21:00:00+08:00' },
        capacity: 2,
      })
    ).body.id;
  });
  afterAll(async () => api?.close());

  it('registers up to capacity, then answers 201 with a place on the waitlist, in order', async () => {
    const first = await register(people.zhang);
    expect([first.status, first.body.status]).toEqual([201, 'registered']);
    expect(first.body.waitlistPosition).toBeUndefined();
    expect((await register(people.li, organizer)).body.status).toBe('registered');
    const third = await register(people.wang);
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
      events: [{ type: 'ResidentWaitlisted' }],
      position: expect.any(String),
    });
    const fourth = await register(people.zhao);
    expect(fourth.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const again = await register(people.wang);
    expect([again.status, again.body.code]).toEqual([409, 'already-waitlisted']);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lets a resident cancel only their own registration; a freed place goes to the first in line, who is told by email', async () => {
    const before = outbox().length;
    const stranger = await cancel(people.li, await asResident(people.zhang));
    expect(stranger.status).toBe(403);
    const cancelled = await cancel(people.zhang, undefined, { reason: '临时出差' });
    expect(cancelled.status).toBe(201);
    expect(cancelled.body.events.map((e) => e.type)).toEqual([
      'RegistrationCancelled',
      'ResidentPromotedFromWaitlist',
    ]);
    await api.runtime.dispatcher.idle();
    const mails = outbox().sort().slice(before);
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(readFileSync(join(api.runtime.outboxDir, mails[0]!)));
    expect(mail.to).toMatchObject({ text: 'wangfang@example.org' });
    expect(mail.subject).toBe('候补转正：您已获得「亲子阅读会」的名额');
    expect(mail.text).toContain('王芳，您好');
    expect(mail.text).toContain('2026年5月20日 19:00');
    expect(mail.text).toContain('社区图书室');
    expect(mail.html).toContain('亲子阅读会');
    // The events name residents by id: no name, email or other personal data is copied into them.
    const history = await api
      .as(admin)
      .get<{ commits: { events: { type: string; data: Record<string, unknown> }[] }[] }>(
        `/audit/streams/${encodeURIComponent(`demo#activity#${activityId}`)}`,
      );
    const registrationEvents = history.body.commits
      .flatMap((c) => c.events)
      .filter((e) =>
        ['ResidentWaitlisted', 'RegistrationCancelled', 'ResidentPromotedFromWaitlist'].includes(e.type),
      );
    expect(registrationEvents.map((e) => e.data)).toEqual([
      { residentId: people.wang, position: 1 },
      { residentId: people.zhao, position: 2 },
      { residentId: people.zhang, was: 'registered', reason: '临时出差' },
      { residentId: people.wang },
    ]);
    expect(JSON.stringify(registrationEvents)).not.toMatch(/王芳|wangfang|张伟/);
  });

  it('an organizer cancels for anyone; a promoted resident without an email is not written to', async () => {
    const before = outbox().length;
    const cancelled = await cancel(people.li, organizer);
    expect(cancelled.body.events.map((e) => e.type)).toEqual([
      'RegistrationCancelled',
      'ResidentPromotedFromWaitlist',
    ]);
    await api.runtime.dispatcher.idle();
    expect(outbox().length).toBe(before);
    // Li registers again: the activity is full, so she waits in line.
    expect((await register(people.li)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await register(people.chen)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    // Leaving the line promotes nobody, and moves those behind up.
    const left = await cancel(people.li);
    expect(left.body.events.map((e) => e.type)).toEqual(['RegistrationCancelled']);
    lastChange = left.body.position;
  });

  it('shows registrations, cancellations and the waitlist on the activity and in each participation', async () => {
    const detail = await api
      .as(organizer)
      .get<Record<string, unknown> & { registrations: Record<string, unknown>[] }>(
        // The last changes were the residents' own, not the organizer's: read-your-writes covers
        // only the caller's writes, so the organizer names the last one (API.md).
        `/activities/${activityId}?consistentWith=${encodeURIComponent(lastChange)}`,
      );
    expect(detail.body).toMatchObject({ registeredCount: 2, waitlistedCount: 1, registrationsCancelled: 3 });
    expect(
      detail.body.registrations.map((r) => [r.residentId, r.status, r.waitlistPosition ?? null]),
    ).toEqual([
      [people.wang, 'registered', null],
      [people.zhao, 'registered', null],
      [people.chen, 'waitlisted', 1],
      [people.zhang, 'cancelled', null],
      [people.li, 'cancelled', null],
    ]);
    expect(detail.body.registrations[0]).toMatchObject({ promotedAt: expect.any(String) });
    expect(detail.body.registrations[3]).toMatchObject({
      cancelledFrom: 'registered',
      cancelReason: '临时出差',
    });
    // Residents see the counts, not who is on the list.
    const seenByResident = await api.as(await asResident(people.chen)).get(`/activities/${activityId}`);
    expect(seenByResident.body).toMatchObject({ waitlistedCount: 1 });
    expect(seenByResident.body.registrations).toBeUndefined();

    const participation = async (residentId: string) =>
      (
        await api
          .as(await asResident(residentId))
          .get<{ activities: Record<string, unknown>[]; totals: Record<string, number> }>(
            `/residents/${residentId}/participation`,
          )
      ).body;
    const chen = await participation(people.chen);
    expect(chen.activities).toEqual([
      expect.objectContaining({
        activityId,
        registered: false,
        registration: 'waitlisted',
        waitlistPosition: 1,
      }),
    ]);
    expect(chen.totals).toMatchObject({ registered: 0, waitlisted: 1, registrationsCancelled: 0 });
    const wang = await participation(people.wang);
    expect(wang.activities[0]).toMatchObject({
      registered: true,
      registration: 'registered',
      promotedAt: expect.any(String),
    });
    const zhang = await participation(people.zhang);
    expect(zhang.activities[0]).toMatchObject({ registered: false, registration: 'cancelled' });
    expect(zhang.totals).toMatchObject({ registered: 0, registrationsCancelled: 1 });
  });

  it('counts them in the report, in JSON, text and CSV', async () => {
    const report = await api
      .as(admin)
      .get<{ registrations: Record<string, number> }>(`/reports/${planId}?period=2026-Q2`);
    expect(report.body.registrations).toEqual({ registered: 2, waitlisted: 1, cancelled: 3 });
    const text = await api
      .as(admin)
      .get(`/reports/${planId}?period=2026-Q2`, { headers: { accept: 'text/plain' } });
    expect(text.text).toContain('报名 2 人，候补 1 人，取消报名 3 人。');
    const english = await api.as(admin).get(`/reports/${planId}?period=2026-Q2`, {
      headers: {
        accept: 'text/plain',
        'accept-language': 'en',
      },
    });
    expect(english.text).toContain('Registrations: 2 with a place, 1 on the waitlist, 3 cancelled.');
    const csv = await api
      .as(admin)
      .get(`/reports/${planId}?period=2026-Q2`, { headers: { accept: 'text/csv' } });
    expect(csv.text).toContain('registrations,registered/waitlisted/cancelled,2026-Q2,2,1,3');
  });

  it('prints the waitlist on the sign-in sheet after the registered, marked 候补 (waitlist in English)', async ({
    skip,
  }) => {
    skip(!readPdfs, 'pdftotext is not installed (apt-get install poppler-utils): the PDF was not read back');
    const sheet = async (language: string) =>
      pdfText(
        (
          await api.call('GET', `/activities/${activityId}/sign-in-sheet`, {
            token: organizer,
            headers: { accept: 'application/pdf', 'accept-language': language },
          })
        ).bytes,
      );
    const chinese = await sheet('zh-CN');
    expect(chinese).toContain('已报名 2 人，候补 1 人');
    expect(chinese).toContain('陈静（候补）');
    for (const registered of ['王芳', '赵磊'])
      expect(chinese.indexOf(registered)).toBeLessThan(chinese.indexOf('陈静（候补）'));
    expect(chinese).not.toContain('张伟');
    const english = await sheet('en');
    expect(english).toContain('2 registered, 1 on the waitlist');
    expect(english).toContain('陈静 (waitlist)');
  });

  it('refuses a cancellation once the window has opened, with a problem saying why', async () => {
    clock.set('2026-05-20T11:00:00Z');
    const late = await cancel(people.wang);
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body).toMatchObject({ code: 'too-late-to-cancel', status: 409 });
    expect(late.body.detail).toContain('before the activity opens');
    const never = await cancel(people.zhang);
    expect([never.status, never.body.code]).toEqual([409, 'not-registered']);
  });
});

describe('registrations under concurrency', () => {
  const clock = new ManualClock('2026-06-01T02:00:00Z');
  let api: TestApi;
  afterAll(async () => api?.close());

  it('30 racers for 10 places while 5 holders cancel: exactly 10 registered, the rest waitlisted in order, no one twice', async () => {
    api = await startApi({ clock });
    const admin = await api.token('admin');
    // A lost race that exhausts the server's retries is a 409 that wrote nothing: a client tries again.
    const persist = async (path: string, body: unknown) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await api.as(admin).post<Answer>(path, body);
        if (answer.status !== 409 || answer.body.code !== 'concurrent-update' || attempt >= 20) return answer;
      }
    };
    const planId = (
      await api.as(admin).post<Answer>('/plans', { communityName: 'Venus', year: 2026, title: 'Plan' })
    ).body.id;
    const enrol = async (n: number) =>
      (await api.as(admin).post<Answer>('/residents', { name: `Racer ${n}`, householdId: `H-${n}` })).body.id;
    const early = await Promise.all([0, 1, 2, 3, 4].map(enrol));
    const racers = await Promise.all(Array.from({ length: 30 }, (_, i) => enrol(100 + i)));
    const activityId = (
      await api.as(admin).post<Answer>('/activities', {
        planId,
        category: 'sports-fitness',
        format: 'competition',
        title: 'Basketball',
        window: { start: '2026-06-20', end: '2026-06-20' },
        capacity: 10,
      })
    ).body.id;
    const registrations = `/activities/${activityId}/registrations`;
    for (const residentId of early)
      expect((await api.as(admin).post<Answer>(registrations, { residentId })).status).toBe(201);

    const [registered, cancelled] = await Promise.all([
      Promise.all(racers.map((residentId) => persist(registrations, { residentId }))),
      Promise.all(early.map((residentId) => persist(`${registrations}/${residentId}/cancel`, {}))),
    ]);
    expect(registered.map((a) => a.status)).toEqual(racers.map(() => 201));
    expect(cancelled.map((a) => a.status)).toEqual(early.map(() => 201));

    // Replay the stream: capacity holds at every version, a freed place always goes to the head of
    // the line, and no one holds a place and a place in line, or either twice.
    const history = await api.call<{
      commits: { events: { type: string; data: Record<string, unknown> }[] }[];
    }>('GET', `/audit/streams/${encodeURIComponent(`demo#activity#${activityId}`)}`, { token: admin });
    const places = new Set<string>();
    const line: string[] = [];
    const everWaitlisted: string[] = [];
    for (const commit of history.body.commits) {
      for (const { type, data } of commit.events) {
        const id = data.residentId as string;
        if (type === 'ResidentRegistered') {
          expect(places.has(id) || line.includes(id)).toBe(false);
          places.add(id);
        } else if (type === 'ResidentWaitlisted') {
          expect(places.has(id) || line.includes(id)).toBe(false);
          expect(data.position).toBe(line.length + 1);
          line.push(id);
          everWaitlisted.push(id);
        } else if (type === 'ResidentPromotedFromWaitlist') {
          expect(line[0]).toBe(id);
          line.shift();
          places.add(id);
        } else if (type === 'RegistrationCancelled') {
          expect(places.delete(id)).toBe(true);
        }
        expect(places.size).toBeLessThanOrEqual(10);
      }
    }
    expect(places.size).toBe(10);
    expect(line).toHaveLength(20);
    // Everyone promoted was first in line when promoted, so those left wait in the order they joined.
    expect(line).toEqual(everWaitlisted.filter((id) => line.includes(id)));
    for (const answer of registered.filter((a) => a.body.status === 'waitlisted'))
      expect(answer.body.waitlistPosition).toBeGreaterThan(0);

    // The views agree: 10 places, 20 in line in that order, the 5 cancelled; everyone exactly once.
    await api.runtime.dispatcher.idle();
    const detail = await api.call<Record<string, unknown> & { registrations: Record<string, unknown>[] }>(
      'GET',
      `/activities/${activityId}`,
      { token: admin },
    );
    expect(detail.body).toMatchObject({
      registeredCount: 10,
      waitlistedCount: 20,
      registrationsCancelled: 5,
    });
    const rows = detail.body.registrations;
    expect(new Set(rows.map((r) => r.residentId)).size).toBe(rows.length);
    expect(
      rows
        .filter((r) => r.status === 'registered')
        .map((r) => r.residentId)
        .sort(),
    ).toEqual([...places].sort());
    expect(rows.filter((r) => r.status === 'waitlisted').map((r) => r.residentId)).toEqual(line);
    expect(rows.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition)).toEqual(
      line.map((_, i) => i + 1),
    );
    expect(
      rows
        .filter((r) => r.status === 'cancelled')
        .map((r) => r.residentId)
        .sort(),
    ).toEqual([...early].sort());
  }, 120_000);
});
