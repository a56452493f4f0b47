import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';

const root = join(import.meta.dirname, '..', '..');
const port = await freePort();

/** What a newcomer does: `npm start`, `npm run token`, call the API, Ctrl-C, start again. */
describe('npm start (the local backend as a newcomer runs it)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-start-'));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port) };
  const url = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let output = '';

  async function start(): Promise<number> {
    const started = Date.now();
    server = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    output = '';
    server.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    for (;;) {
      try {
        const response = await fetch(`${url}/openapi.json`);
        if (response.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 60_000)
        throw new Error(`npm start did not serve within a minute:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Ctrl-C: the terminal signals the whole process group. */
  async function stop(): Promise<void> {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server!.once('close', () => resolve()));
    process.kill(-server.pid!, 'SIGINT');
    await exited;
  }

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null)
      process.kill(-server.pid!, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the OpenAPI document within a minute, enrolls a resident with a token from npm run token, and keeps it across a restart', async () => {
    const firstStart = await start();
    expect(firstStart).toBeLessThan(60_000);
    const token = execFileSync('npm', ['run', '-s', 'token', '--', '--role', 'organizer'], {
      cwd: root,
      env,
      encoding: 'utf8',
    }).trim();
    const created = await fetch(`${url}/residents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Huang Min', householdId: 'H-9' }),
    });
    expect(created.status).toBe(201);
    const { id, position } = (await created.json()) as { id: string; position: string };
    expect(
      (
        await fetch(`${url}/residents/${id}?consistentWith=${position}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);

    await stop();
    expect(output).toContain('stopped cleanly');
    await start();
    const again = await fetch(`${url}/residents/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { name: string }).name).toBe('Huang Min');
    await stop();
  }, 150_000);
});
