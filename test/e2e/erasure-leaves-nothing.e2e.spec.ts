import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../infra/local/audit-cli.js';
import { startApi, type TestApi } from '../support/api.js';
import { documentClient } from '../support/engines.js';

/**
 * Erasure leaves nothing readable: not in any answer, not in the history, its export or the bus, and
 * — after the next start — not in any file of the data folder, where the engine keeps overwritten and
 * deleted values until it compacts them. Sent mail (outbox/) is out of the system's hands and not
 * looked at. Three people are erased: the leader (a resident) and a deputy who is not one, both of
 * whom received a report, and a member of the group who is not a resident either.
 */
const leader = {
  name: 'Xiomara Quillfeather-Tenzing',
  phone: '+86 137 6042 9158',
  email: 'xiomara.quillfeather@example.org',
};
const deputy = { name: 'Bartholomew Ostrowski-Nakagawa', email: 'b.ostrowski@street-office.example.org' };
const member = { name: 'Cadre Fenwick-Abernathy', email: 'fenwick.cadre@example.org' };
const erasedPeople = [leader, deputy, member];
/** Someone of each kind who is not erased: the scan must find them, or it proves nothing. */
const kept = { name: 'Ulyana Brightwater-Okonkwo', email: 'ulyana.brightwater@example.org' };
const keptGuest = { name: 'Perpetua Vandermeer-Salgado', email: 'perpetua.vandermeer@example.org' };

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

/** What must not be found of the erased: each name (as written and lower-cased) and email. */
const secrets = erasedPeople.flatMap((p) => [...Object.values(p), p.name.toLowerCase()]);
const secretsIn = (text: string) => secrets.filter((secret) => text.includes(secret));

describe('erasure leaves nothing readable', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-erasure-'));
  /** Where the audit CLI keeps its key and writes its export (not the server's data folder). */
  const cliDir = mkdtempSync(join(tmpdir(), 'ccl-erasure-cli-'));
  let api: TestApi;
  let admin: string;
  let auditor: string;
  let residentId: string;
  let planId: string;
  let deputyId: string;
  let memberId: string;
  /** The erased people's data keys as the engine held them, base64 (what an attacker with the files would look for). */
  let keys: string[];

  const exported = async () => {
    writeFileSync(join(cliDir, 'dev-signing-key'), `${api.runtime.secret}\n`);
    const out = join(cliDir, 'history.ndjson');
    const silent = {
      out: () => undefined,
      err: (line: string) => console.error(line),
      progress: () => undefined,
    };
    expect(await runAudit(['export', '--out', out], { LEDGER_URL: api.url, DATA_DIR: cliDir }, silent)).toBe(
      0,
    );
    return readFileSync(out, 'utf8');
  };

  /** Every answer that could show the group or a delivery, the export and the bus, by name. */
  const answers = async (): Promise<Record<string, string>> => {
    const text = async (token: string, path: string, accept = 'application/json') =>
      (await api.as(token).get(path, { headers: { accept } })).text;
    const stream = (id: string) => `/audit/streams/${encodeURIComponent(id)}`;
    return {
      plan: await text(admin, `/plans/${planId}`),
      plans: await text(admin, '/plans'),
      resident: await text(admin, `/residents/${residentId}`),
      residents: await text(admin, '/residents?limit=500'),
      report: await text(admin, `/reports/${planId}?period=2026-Q1`),
      'audit events (JSON)': await text(auditor, '/audit/events?limit=500'),
      'audit events (NDJSON)': await text(auditor, '/audit/events', 'application/x-ndjson'),
      'plan stream': await text(auditor, stream(`demo#plan#${planId}`)),
      'report stream': await text(auditor, stream(`demo#report#${planId}-2026-Q1`)),
      'resident stream': await text(auditor, stream(`demo#resident#${residentId}`)),
      export: await exported(),
      bus: readFileSync(join(api.runtime.busDir, 'events.ndjson'), 'utf8'),
    };
  };
  const leaks = async () =>
    Object.entries(await answers()).flatMap(([where, text]) => secretsIn(text).map((s) => `${where}: ${s}`));

  const ring = async (subjectId: string) => {
    const items = await documentClient(api.runtime.endpoint).send(
      new QueryCommand({
        TableName: 'Events',
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': `$key#demo#${subjectId}` },
        ConsistentRead: true,
      }),
    );
    return (items.Items ?? []).map((item) => item.key as string).filter(Boolean);
  };

  type Group = { leader: object; deputies: { personId?: string }[]; members: { personId?: string }[] };
  const group = async () => (await api.as(admin).get<{ organizingGroup: Group }>(`/plans/${planId}`)).body;
  const created = { status: 201 };

  beforeAll(async () => {
    api = await startApi({ dataDir });
    admin = await api.token('admin');
    auditor = await api.token('auditor');
    const as = api.as(admin);
    planId = (await as.accepted('/plans', { communityName: 'V', year: 2026, title: 'P' }, created)).id;
    residentId = (await as.accepted('/residents', { ...leader, householdId: 'H-9' }, created)).id;
    const keptId = (await as.accepted('/residents', { ...kept, householdId: 'H-10' }, created)).id;
    await as.accepted(
      `/plans/${planId}/organizing-group`,
      {
        leader: { name: leader.name, email: leader.email, residentId },
        deputies: [{ name: kept.name, email: kept.email, residentId: keptId }, deputy],
        members: [member, keptGuest],
      },
      created,
    );
    await api.runtime.dispatcher.idle();
    const { organizingGroup } = await group();
    deputyId = organizingGroup.deputies[1]!.personId!;
    memberId = organizingGroup.members[0]!.personId!;
    // The leader and the deputies receive the first quarter's report.
    const sent = await as.accepted<{ sentTo: object[] }>(
      `/reports/${planId}/send?period=2026-Q1`,
      undefined,
      created,
    );
    expect(sent.sentTo).toEqual([{ residentId }, { residentId: keptId }, { personId: deputyId }]);
    await api.runtime.dispatcher.idle();
    keys = [...(await ring(residentId)), ...(await ring(deputyId)), ...(await ring(memberId))];
    expect(keys.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(cliDir, { recursive: true, force: true });
  });

  it('keeps every organizing-group entry sealed in history, its export and on the bus, readable to staff; a delivery names no address', async () => {
    const { organizingGroup } = await group();
    expect(organizingGroup.leader).toEqual({ name: leader.name, email: leader.email, residentId });
    expect(organizingGroup.deputies[1]).toEqual({ ...deputy, personId: deputyId });
    expect(organizingGroup.members).toEqual([
      { ...member, personId: memberId },
      { ...keptGuest, personId: expect.any(String) },
    ]);
    const seen = await answers();
    const sealedIn = [
      'audit events (JSON)',
      'audit events (NDJSON)',
      'plan stream',
      'report stream',
      'export',
      'bus',
    ];
    for (const where of sealedIn)
      for (const secret of [...secrets, ...Object.values(kept), ...Object.values(keptGuest)])
        expect(seen[where], where).not.toContain(secret);
    expect(seen['report stream']).toContain(`"personId":"${deputyId}"`);
    expect(seen['report stream']).not.toContain('@');
  });

  it('erases the leader (a resident) and two people of the group who are not residents, one of whom received the report', async () => {
    const as = api.as(admin);
    const erase = async (path: string) =>
      (await as.accepted<{ events: { type: string }[] }>(path, undefined, created)).events.map((e) => e.type);
    expect(await erase(`/residents/${residentId}/erase`)).toEqual(['ResidentPersonalDataErased']);
    expect(await erase(`/plans/${planId}/organizing-group/${deputyId}/erase`)).toEqual([
      'OrganizingGroupPersonErased',
    ]);
    expect(await erase(`/plans/${planId}/organizing-group/${memberId}/erase`)).toEqual([
      'OrganizingGroupPersonErased',
    ]);
    // Once is enough; a person the plan never named, or a resident's id, is no person of the plan.
    await as.refused(
      'POST',
      `/plans/${planId}/organizing-group/${deputyId}/erase`,
      undefined,
      409,
      'already-erased',
    );
    await as.refused(
      'POST',
      `/plans/${planId}/organizing-group/${residentId}/erase`,
      undefined,
      404,
      'person-not-found',
    );
    await api.runtime.dispatcher.idle();

    expect((await group()).organizingGroup).toMatchObject({
      leader: { name: '[erased]', residentId, erased: true },
      deputies: [{ ...kept }, { name: '[erased]', personId: deputyId, erased: true }],
      members: [{ name: '[erased]', personId: memberId, erased: true }, { ...keptGuest }],
    });
    expect(await leaks()).toEqual([]);
    // The deputy still counts as having had the report: it is not sent to them again (nor anywhere).
    const resend = await as.accepted<{ alreadySent: boolean }>(`/reports/${planId}/send?period=2026-Q1`);
    expect(resend.alreadySent).toBe(true);
    expect((await api.as(auditor).get<{ ok: boolean }>('/audit/verify')).body.ok).toBe(true);
  });

  it('leaves no name, phone, email or destroyed key in any file of the data folder after the next start', async () => {
    await api.close();
    api = await startApi({ dataDir });
    admin = await api.token('admin');
    auditor = await api.token('auditor');
    expect(await leaks()).toEqual([]);
    await api.close();
    expect(filesHolding(dataDir, [...secrets, ...keys])).toEqual([]);
    // The scan reads the engine's files as they are: the resident and the guest not erased are still there.
    expect(filesHolding(dataDir, [kept.name]).length).toBeGreaterThan(0);
    expect(filesHolding(dataDir, [keptGuest.email]).length).toBeGreaterThan(0);
    api = await startApi({ dataDir });
  });
});
