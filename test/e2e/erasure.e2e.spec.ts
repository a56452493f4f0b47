import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { documentClient } from '../support/engines.js';

const person = {
  name: 'Qiao Lingxiu',
  householdId: 'H-77',
  phone: '13911112222',
  email: 'qiao.lingxiu@example.org',
  partyMember: true,
};
const secrets = [person.name, person.phone, person.email];

describe('erasure: crypto-shredding that keeps counts and proofs', () => {
  let api: TestApi;
  let admin: string;
  let residentId: string;
  let planId: string;

  const rawTables = async () => {
    const db = documentClient(api.runtime.endpoint);
    let text = '';
    for (const TableName of ['Events', 'Views', 'Idempotency']) {
      text += JSON.stringify((await db.send(new ScanCommand({ TableName }))).Items);
    }
    return text;
  };

  beforeAll(async () => {
    api = await startApi();
    admin = await api.token('admin');
    planId = (
      await api.call<{ id: string }>('POST', '/plans', {
        token: admin,
        body: { communityName: 'V', year: 2026, title: 'P' },
      })
    ).body.id;
    await api.call('POST', `/plans/${planId}/organizing-group`, {
      token: admin,
      body: { leader: { name: 'Leader', email: 'leader@example.org' }, deputies: [], members: [] },
    });
    residentId = (await api.call<{ id: string }>('POST', '/residents', { token: admin, body: person })).body
      .id;
    const activity = await api.call<{ id: string }>('POST', '/activities', {
      token: admin,
      body: {
        planId,
        category: 'library-reading',
        format: 'reading',
        title: 'Reading club',
        window: { start: '2026-04-01', end: '2026-04-30' },
      },
    });
    await api.call('POST', `/activities/${activity.body.id}/attendance`, {
      token: admin,
      body: {
        residentId,
        method: 'organizer',
        at: '2026-04-10',
        correction: { reason: 'entered from the paper sheet' },
      },
    });
    await api.runtime.dispatcher.idle();
  });
  afterAll(async () => api?.close());

  it('keeps personal data out of the history: events hold ciphertext, views the readable copy', async () => {
    const read = await api.call('GET', `/residents/${residentId}`, { token: admin });
    expect(read.body).toMatchObject({ name: person.name, phone: person.phone, email: person.email });
    const history = await api.call('GET', '/audit/events', {
      token: await api.token('auditor'),
      headers: { accept: 'application/x-ndjson' },
    });
    for (const secret of secrets) expect(history.text).not.toContain(secret);
  });

  it('erases the resident everywhere; attendance, counts and verification stay', async () => {
    const erased = await api.call<{ events: { type: string }[]; position: string }>(
      'POST',
      `/residents/${residentId}/erase`,
      { token: admin },
    );
    expect(erased.status).toBe(201);
    expect(erased.body.events.map((e) => e.type)).toEqual(['ResidentPersonalDataErased']);
    expect((await api.call('POST', `/residents/${residentId}/erase`, { token: admin })).status).toBe(409);
    expect((await api.call('POST', `/residents/${'0'.repeat(26)}/erase`, { token: admin })).status).toBe(404);
    expect(
      (await api.call('POST', `/residents/${residentId}/erase`, { token: await api.token('organizer') }))
        .status,
    ).toBe(403);

    const read = await api.call<Record<string, unknown>>(
      'GET',
      `/residents/${residentId}?consistentWith=${erased.body.position}`,
      { token: admin },
    );
    expect(read.body).toMatchObject({
      name: '[erased]',
      householdId: 'H-77',
      partyMember: true,
      erased: true,
    });
    expect(read.body.phone).toBeUndefined();
    const participation = await api.call<{ totals: { attended: number } }>(
      'GET',
      `/residents/${residentId}/participation`,
      { token: admin },
    );
    expect(participation.body.totals.attended).toBe(1);
    const verify = await api.call<{ ok: boolean }>('GET', '/audit/verify', {
      token: await api.token('auditor'),
    });
    expect(verify.body.ok).toBe(true);

    const answers = [
      (await api.call('GET', '/residents?limit=500', { token: admin })).text,
      (
        await api.call('GET', `/reports/${planId}?period=2026`, {
          token: admin,
          headers: { accept: 'text/html' },
        })
      ).text,
      (
        await api.call('GET', `/reports/${planId}?period=2026`, {
          token: admin,
          headers: { accept: 'text/csv' },
        })
      ).text,
      (
        await api.call('GET', '/audit/events', {
          token: await api.token('auditor'),
          headers: { accept: 'application/x-ndjson' },
        })
      ).text,
      (
        await api.call('GET', `/audit/streams/${encodeURIComponent(`demo#resident#${residentId}`)}`, {
          token: await api.token('auditor'),
        })
      ).text,
      await rawTables(),
      // What other systems were told: the bus carries events as stored, personal data encrypted.
      readFileSync(join(api.runtime.busDir, 'events.ndjson'), 'utf8'),
    ];
    expect(answers.at(-1)).toContain('"detail-type":"ResidentEnrolled"');
    for (const text of answers) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
