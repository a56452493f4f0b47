import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { documentClient } from '../support/engines.js';

/**
 * Erasure leaves nothing readable: not in any answer, not in the history or the bus, and — after the
 * next start — not in any file of the data folder, where the engine keeps overwritten and deleted
 * values until it compacts them. Sent mail (outbox/) is out of the system's hands and not looked at.
 */
const erased = {
  name: 'Xiomara Quillfeather-Tenzing',
  phone: '+86 137 6042 9158',
  email: 'xiomara.quillfeather@example.org',
};
/** Someone who is not erased: the scan must find her, or it proves nothing. */
const kept = { name: 'Ulyana Brightwater-Okonkwo', email: 'ulyana.brightwater@example.org' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file of the data folder (outbox aside) that holds one of the needles, byte for byte. */
function filesHolding(dataDir: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dataDir)) {
    const path = relative(dataDir, file);
    if (path.startsWith('outbox')) continue;
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle))) found.push(`${path}: ${needle}`);
  }
  return found;
}

describe('erasure leaves nothing readable', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-erasure-'));
  let api: TestApi;
  let admin: string;
  let auditor: string;
  let residentId: string;
  let planId: string;
  /** The resident's data keys as the engine held them, base64 (what an attacker with the files would look for). */
  let keys: string[];

  const answers = async () => [
    (await api.call('GET', `/plans/${planId}`, { token: admin })).text,
    (await api.call('GET', '/plans', { token: admin })).text,
    (await api.call('GET', `/residents/${residentId}`, { token: admin })).text,
    (await api.call('GET', '/residents?limit=500', { token: admin })).text,
    (await api.call('GET', '/audit/events', { token: auditor, headers: { accept: 'application/x-ndjson' } }))
      .text,
    (await api.call('GET', `/audit/streams/${encodeURIComponent(`demo#plan#${planId}`)}`, { token: auditor }))
      .text,
    readFileSync(join(api.runtime.busDir, 'events.ndjson'), 'utf8'),
  ];

  beforeAll(async () => {
    api = await startApi({ dataDir });
    admin = await api.token('admin');
    auditor = await api.token('auditor');
    planId = await (
      await api.as(admin).accepted('/plans', { communityName: 'V', year: 2026, title: 'P' }, { status: 201 })
    ).id;
    residentId = await (
      await api.as(admin).accepted('/residents', { ...erased, householdId: 'H-9' }, { status: 201 })
    ).id;
    const keptId = await (
      await api.as(admin).accepted('/residents', { ...kept, householdId: 'H-10' }, { status: 201 })
    ).id;
    await (
      await api.as(admin).accepted(
        `/plans/${planId}/organizing-group`,
        {
          leader: { name: erased.name, email: erased.email, residentId },
          deputies: [{ name: kept.name, email: kept.email, residentId: keptId }],
          members: [{ name: 'Cadre for culture', email: 'culture@example.org' }],
        },
        { status: 201 },
      )
    ).id;
    await api.runtime.dispatcher.idle();
    const items = await documentClient(api.runtime.endpoint).send(
      new QueryCommand({
        TableName: 'Events',
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': `$key#demo#${residentId}` },
        ConsistentRead: true,
      }),
    );
    keys = (items.Items ?? []).map((item) => item.key as string).filter(Boolean);
    expect(keys.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an organizing-group member who is a resident encrypted in history and on the bus, readable to staff', async () => {
    const plan = await api.call<{ organizingGroup: { leader: Record<string, unknown> } }>(
      'GET',
      `/plans/${planId}`,
      { token: admin },
    );
    expect(plan.body.organizingGroup.leader).toEqual({ name: erased.name, email: erased.email, residentId });
    const [, , , , history, stream, bus] = await answers();
    for (const text of [history, stream, bus]) {
      for (const secret of [erased.name, erased.email, kept.name, kept.email])
        expect(text).not.toContain(secret);
    }
    // A person who is not a resident has no key to be erased with: stored as given.
    expect(stream).toContain('culture@example.org');
  });

  it('erases an organizing-group member from the plan, the plan list, the export, the plan stream and the bus (name and email stay there today)', async () => {
    const answer = await api.call<{ events: { type: string }[] }>('POST', `/residents/${residentId}/erase`, {
      token: admin,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.events.map((e) => e.type)).toEqual(['ResidentPersonalDataErased']);
    await api.runtime.dispatcher.idle();
    const plan = await api.call<{
      organizingGroup: { leader: Record<string, unknown>; deputies: Record<string, unknown>[] };
    }>('GET', `/plans/${planId}`, { token: admin });
    expect(plan.body.organizingGroup.leader).toEqual({ name: '[erased]', residentId, erased: true });
    expect(plan.body.organizingGroup.deputies[0]).toMatchObject(kept);
    for (const text of await answers()) {
      for (const secret of Object.values(erased)) expect(text).not.toContain(secret);
    }
  });

  it('leaves no name, phone, email or destroyed key in any file of the data folder after the next start (LevelDB keeps them today)', async () => {
    await api.close();
    api = await startApi({ dataDir });
    admin = await api.token('admin');
    auditor = await api.token('auditor');
    for (const text of await answers()) {
      for (const secret of Object.values(erased)) expect(text).not.toContain(secret);
    }
    await api.close();
    const needles = [...Object.values(erased), erased.name.toLowerCase(), ...keys];
    expect(filesHolding(dataDir, needles)).toEqual([]);
    // The scan reads the engine's files as they are: the resident who was not erased is still there.
    expect(filesHolding(dataDir, [kept.name]).length).toBeGreaterThan(0);
    api = await startApi({ dataDir });
  });
});
