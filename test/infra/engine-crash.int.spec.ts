import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * "No torn writes on the embedded engine": a process appending to the ledger on dynalite's LevelDB
 * is killed with SIGKILL at random instants, again and again, on the same data folder. Each new
 * process first checks what it finds: every chain verifies, and the global order holds no commit its
 * stream lacks. Stock dynalite writes the index entries and the item as separate LevelDB writes, so
 * a kill between the two leaves an orphan in the global order (and the next append reuses its version).
 */

const KILLS = Number(process.env.ENGINE_CRASH_KILLS ?? 24);
const LANES = 2; // two data folders at once: one per core

interface Finding {
  commits: number;
  failures: { streamId: string; version: number; reason: string; detail: string }[];
  orphans: number;
}

let writer: string;
const folders: string[] = [];

/** Starts a writer, returns what it found on open, and kills it after `killAfterMs` of writing. */
async function runAndKill(dataDir: string, killAfterMs: number): Promise<Finding> {
  const child: ChildProcess = spawn(process.execPath, [writer, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let finding: Finding | undefined;
  for await (const line of lines) {
    if (!finding) {
      finding = JSON.parse(line) as Finding;
      continue;
    }
    if (line === 'writing') break;
  }
  if (!finding) throw new Error(`the writer stopped before reporting: ${stderr}`);
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  child.kill('SIGKILL');
  await exited;
  return finding;
}

describe('the embedded engine under kill -9', () => {
  beforeAll(async () => {
    const out = mkdtempSync(join(process.cwd(), 'node_modules', '.ccl-crash-'));
    folders.push(out);
    writer = join(out, 'ledger-writer.mjs');
    // Bundled once, packages left to node_modules: each of the many starts costs a plain `node` start.
    await build({
      entryPoints: ['test/support/ledger-writer.ts'],
      outfile: writer,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
  });
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it(`leaves a ledger that verifies after each of ${KILLS} kills mid-write`, async () => {
    const lanes = Array.from({ length: LANES }, (_, lane) => {
      const dataDir = mkdtempSync(join(tmpdir(), `ccl-crash-${lane}-`));
      folders.push(dataDir);
      return (async () => {
        const seen: Finding[] = [];
        for (let kill = lane; kill < KILLS + LANES; kill += LANES) {
          // The last start of each lane only checks what the kills before it left.
          const finding = await runAndKill(dataDir, kill < KILLS ? 10 + Math.random() * 110 : 0);
          seen.push(finding);
          expect(finding.orphans, `orphans in the global order after kill ${kill}`).toBe(0);
          expect(finding.failures, `verification after kill ${kill}`).toEqual([]);
        }
        return seen;
      })();
    });
    const seen = (await Promise.all(lanes)).flat();
    // The kills really landed mid-burst: each start found more history than the one before.
    const grew = seen.filter((finding, i) => i > 0 && finding.commits > seen[i - 1]!.commits).length;
    expect(grew).toBeGreaterThan(KILLS / 2);
  }, 180_000);
});
