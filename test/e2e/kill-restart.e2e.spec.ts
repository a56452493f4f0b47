import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSigningSecret, signDevToken } from '../../infra/local/dev-key.js';
import { freePort } from '../support/free-port.js';

const root = join(import.meta.dirname, '..', '..');
const port = await freePort();

interface BusRecord {
  id: string;
  detail: { eventId: string; commitId: string; recordedAt: string };
}

/**
 * The whole server killed with `kill -9` in the middle of a burst of keyed enrolments, restarted on
 * the same data folder, and every key retried, as a front-end with a retry loop would. Afterwards:
 * one commit per key, a ledger that verifies, and a bus that re-delivered only what was announced in
 * the last moments before the kill, under the same ids. A clean stop then re-delivers nothing.
 */
describe('kill -9 in the middle of a burst', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-kill-'));
  const url = `http://127.0.0.1:${port}`;
  const busFile = join(dataDir, 'bus', 'events.ndjson');
  let server: ChildProcess | undefined;
  let admin: string;
  let auditor: string;

  async function start(): Promise<void> {
    server = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      cwd: root,
      // The default 30 s lock: the restarted server releases the dead one's claims itself.
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const started = Date.now();
    for (;;) {
      try {
        if ((await fetch(`${url}/openapi.json`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 30_000) throw new Error('the server did not start within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stop(signal: 'SIGKILL' | 'SIGINT'): Promise<void> {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
    server.kill(signal);
    await exited;
  }

  const enrol = (key: string) =>
    fetch(`${url}/residents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify({ name: `Resident ${key}`, householdId: `H-${key}` }),
    });

  const busRecords = (): BusRecord[] =>
    existsSync(busFile)
      ? readFileSync(busFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as BusRecord)
      : [];

  /** Every stored commit, read as an auditor does. */
  async function history() {
    const commits: {
      commitId: string;
      recordedAt: string;
      metadata: { idempotencyKey?: string };
      events: { eventId: string }[];
    }[] = [];
    let after: string | undefined;
    do {
      const page = (await (
        await fetch(`${url}/audit/events?limit=1000${after ? `&after=${after}` : ''}`, {
          headers: { authorization: `Bearer ${auditor}` },
        })
      ).json()) as { items: typeof commits; nextCursor: string | null };
      commits.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);
    return commits;
  }

  /** A fresh enrolment's event on the bus means the catch-up before it is done (live commits wait for it). */
  async function busCaughtUp(): Promise<void> {
    const marker = (await (await enrol(`marker-${Date.now()}`)).json()) as { events: { eventId: string }[] };
    const eventId = marker.events[0]!.eventId;
    const started = Date.now();
    while (!busRecords().some((r) => r.id === eventId)) {
      if (Date.now() - started > 30_000) throw new Error('the bus did not catch up within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    await start();
    const secret = devSigningSecret(dataDir);
    admin = await signDevToken(secret, { roles: ['admin'], sub: 'admin-1', community: 'demo' });
    auditor = await signDevToken(secret, { roles: ['auditor'], sub: 'auditor-1', community: 'demo' });
  });
  afterAll(async () => {
    await stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps one commit per key, a ledger that verifies, and re-delivers only the last moments to the bus', async () => {
    // Some history well before the burst: a restart must not announce it again.
    for (let i = 0; i < 30; i++) expect((await enrol(`earlier-${i}`)).status).toBe(201);
    await new Promise((r) => setTimeout(r, 3_500));
    const keys = Array.from({ length: 400 }, (_, i) => `burst-${i}`);
    // Ten clients enrolling as fast as they can; the server dies under them.
    let next = 0;
    let answeredBeforeKill = 0;
    const clients = Array.from({ length: 10 }, async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        const answer = await enrol(key).catch(() => undefined);
        if (answer?.ok) answeredBeforeKill++;
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    const killedAt = Date.now();
    await stop('SIGKILL');
    await Promise.all(clients);
    // The kill landed mid-burst: some keys were answered before it, not all of them (else this
    // would test a restart after a burst, not a crash inside one).
    expect(answeredBeforeKill, 'keys answered before the kill').toBeGreaterThan(0);
    expect(answeredBeforeKill, 'keys answered before the kill').toBeLessThan(keys.length);

    await start();
    const restarted = Date.now();
    // Every key retried until it is answered (a retry waits while a claim is in progress).
    const answers = new Map<string, string>();
    await Promise.all(
      Array.from({ length: 10 }, (_, lane) =>
        (async () => {
          for (let i = lane; i < keys.length; i += 10) {
            for (;;) {
              const answer = await enrol(keys[i]!);
              if (answer.status === 200 || answer.status === 201) {
                answers.set(keys[i]!, ((await answer.json()) as { id: string }).id);
                break;
              }
              expect([409, 503]).toContain(answer.status);
              await new Promise((r) => setTimeout(r, 200));
            }
          }
        })(),
      ),
    );

    // Not after the dead server's 30 s locks: the restarted one released them.
    expect(Date.now() - restarted).toBeLessThan(20_000);
    const commits = await history();
    const perKey = new Map<string, number>();
    for (const commit of commits) {
      const key = commit.metadata.idempotencyKey;
      if (key?.startsWith('burst-')) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    expect(perKey.size).toBe(keys.length);
    expect([...perKey].filter(([, n]) => n !== 1)).toEqual([]);
    expect(new Set(answers.values()).size).toBe(keys.length);

    const verified = (await (
      await fetch(`${url}/audit/verify`, { headers: { authorization: `Bearer ${auditor}` } })
    ).json()) as { ok: boolean; failures: unknown[] };
    expect(verified.failures).toEqual([]);
    expect(verified.ok).toBe(true);

    await busCaughtUp();
    const stored = await history();
    const records = busRecords();
    expect(records.filter((r) => r.id !== r.detail.eventId)).toEqual([]);
    const deliveries = new Map<string, BusRecord[]>();
    for (const record of records) deliveries.set(record.id, [...(deliveries.get(record.id) ?? []), record]);
    // Each stored event is on the bus; only events recorded in the last seconds before the kill twice.
    expect(new Set(deliveries.keys())).toEqual(
      new Set(stored.flatMap((c) => c.events.map((e) => e.eventId))),
    );
    const redelivered = [...deliveries.values()].filter((d) => d.length > 1).map((d) => d[0]!);
    const recordedBeforeKill = (r: BusRecord) => killedAt - Date.parse(r.detail.recordedAt);
    expect(redelivered.filter((r) => recordedBeforeKill(r) > 3_000)).toEqual([]);

    // A clean stop saves where the dispatcher got to: the next start re-delivers nothing.
    await stop('SIGINT');
    const before = busRecords().length;
    await start();
    await busCaughtUp();
    expect(busRecords().length).toBe(before + 1);
  }, 120_000);
});
