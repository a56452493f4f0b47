import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitCount, given, startApi, type TestApi } from '../support/api.js';

const resident = {
  name: 'Liu Yang',
  householdId: 'H-101',
  building: '3',
  partyMember: true,
  phone: '13812345678',
};

describe('residents through the HTTP API (first slice through every layer)', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    admin = await api.token('admin');
  });
  afterAll(async () => api?.close());

  it('given a household, when a second resident enrols in it, then one ResidentEnrolled; a nameless one, none', async () => {
    const enrol = (name: string) => ({
      token: admin,
      method: 'POST',
      path: '/residents',
      body: { name, householdId: 'H-202' },
    });
    await given(api, enrol('Wang Fang'))
      .when(enrol('Wang Lei'))
      .then({ status: 201, body: { version: 1, events: [{ type: 'ResidentEnrolled' }] } }, [
        'ResidentEnrolled',
      ]);
    await given(api)
      .when(enrol(''))
      .then({ status: 400, body: { code: 'validation-failed' } }, []);
    await given(api)
      .when({ ...enrol('Zhao Min'), token: await api.token('resident') })
      .then({ status: 403 }, []);
  });

  it('enrolls a resident (201 with the command answer) and reads it back from the projected view', async () => {
    const created = await api.call('POST', '/residents', { token: admin, body: resident });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, events: [{ type: 'ResidentEnrolled' }] });
    expect(created.body.streamId).toBe(`demo#resident#${created.body.id}`);
    const read = await api.call(
      'GET',
      `/residents/${created.body.id}?consistentWith=${created.body.position}`,
      { token: admin },
    );
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ ...resident, residentId: created.body.id, version: 1 });
    const list = await api.call<{ items: { residentId: string }[] }>('GET', '/residents?limit=500', {
      token: admin,
    });
    expect(list.body.items.map((r) => r.residentId)).toContain(created.body.id);
  });

  it('answers a bad body with 400 problem+json naming each field, and writes nothing', async () => {
    const before = await commitCount(api);
    const answer = await api.call('POST', '/residents', {
      token: admin,
      body: { name: '', email: 'not-an-email', extra: 1 },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      type: '/problems/validation-failed',
    });
    const paths = (answer.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.householdId', 'body.email']));
    const malformed = await api.call('POST', '/residents', {
      token: admin,
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed-json');
    expect(await commitCount(api)).toBe(before);
  });

  it('answers 401 without a token or with a forged one, and 403 for a role the route does not allow', async () => {
    const none = await api.call('POST', '/residents', { body: resident });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    const forged = await api.call('GET', '/residents', { token: `${admin.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    const judge = await api.call('POST', '/residents', { token: await api.token('judge'), body: resident });
    expect(judge.status).toBe(403);
    expect(judge.body.code).toBe('forbidden');
  });

  it('never shows another community’s resident: 404 as if it did not exist', async () => {
    const created = await api.call('POST', '/residents', { token: admin, body: resident });
    const elsewhere = await api.token('admin', { community: 'another-community' });
    const read = await api.call('GET', `/residents/${created.body.id}`, { token: elsewhere });
    expect(read.status).toBe(404);
    const list = await api.call<{ items: unknown[] }>('GET', '/residents', { token: elsewhere });
    expect(list.body.items).toEqual([]);
  });

  it('lets a resident read only their own record', async () => {
    const created = await api.call('POST', '/residents', { token: admin, body: resident });
    const id = created.body.id as string;
    await api.call('GET', `/residents/${id}?consistentWith=${created.body.position}`, { token: admin });
    const own = await api.call('GET', `/residents/${id}`, {
      token: await api.token('resident', { sub: id }),
    });
    expect(own.status).toBe(200);
    const other = await api.call('GET', `/residents/${id}`, {
      token: await api.token('resident', { sub: '01HZZZZZZZZZZZZZZZZZZZZZZZ' }),
    });
    expect(other.status).toBe(403);
  });

  it('replays the first answer for the same Idempotency-Key 10 times (one commit), and refuses the key with another body', async () => {
    const before = await commitCount(api);
    const headers = { 'idempotency-key': 'enroll-liu-yang-1' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call('POST', '/residents', { token: admin, body: resident, headers }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(await commitCount(api)).toBe(before + 1);
    const reused = await api.call('POST', '/residents', {
      token: admin,
      body: { ...resident, name: 'Someone Else' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency-key-reused');
    // Keys are per community: the same key elsewhere is a new request.
    const elsewhere = await api.call('POST', '/residents', {
      token: await api.token('admin', { community: 'c-2' }),
      body: resident,
      headers,
    });
    expect(elsewhere.status).toBe(201);
    expect(await commitCount(api)).toBe(before + 1);
  });

  it('does not let a refused request hold its Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'first-try-was-bad' };
    const bad = await api.call('POST', '/residents', {
      token: admin,
      body: { ...resident, phone: 'x' },
      headers,
    });
    expect(bad.status).toBe(400);
    const good = await api.call('POST', '/residents', {
      token: admin,
      body: { ...resident, phone: 'x' },
      headers,
    });
    expect(good.status).toBe(400);
  });

  it('answers unknown paths 404 and wrong methods 405, as problem+json', async () => {
    const missing = await api.call('GET', '/nothing-here', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    const wrongMethod = await api.call('DELETE', '/residents', { token: admin });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('POST');
  });

  it('rejects an id that cannot be ours with 400, and a position from another community', async () => {
    expect((await api.call('GET', '/residents/not-an-id', { token: admin })).status).toBe(400);
    const created = await api.call('POST', '/residents', {
      token: await api.token('admin', { community: 'c-3' }),
      body: resident,
    });
    const stolen = await api.call(
      'GET',
      `/residents/${created.body.id}?consistentWith=${created.body.position}`,
      { token: admin },
    );
    expect(stolen.status).toBe(400);
  });

  it('carries a correlation id on every answer, echoing the caller’s', async () => {
    const answer = await api.call('GET', '/residents', {
      token: admin,
      headers: { 'x-correlation-id': 'trace-42' },
    });
    expect(answer.headers.get('x-correlation-id')).toBe('trace-42');
    const failed = await api.call('GET', '/residents', {});
    expect(failed.headers.get('x-correlation-id')).toBeTruthy();
  });
});
