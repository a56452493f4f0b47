import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const RESIDENT = '01JZ8Q4W3T5X7Y9A2B4C6D8E0F';

/** `npm run token -- …` as a person runs it, on a data folder of its own. */
function token(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccl-token-'));
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'infra/local/token-cli.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: root },
        encoding: 'utf8',
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Locally there is no Cognito: the token tool does the pre-token-generation trigger's job and puts
 * the resident the holder is in the `resident` claim, the one the API reads (issue 28).
 */
describe('npm run token: the resident claim, as the trigger adds it on AWS', () => {
  it('names the subject as the resident by default, another with --resident, none with --no-resident', async () => {
    const [bySub, named, none, both] = await Promise.all([
      token('--role', 'resident', '--sub', RESIDENT),
      token('--role', 'resident', '--sub', 'cognito-like-subject', '--resident', RESIDENT),
      token('--role', 'organizer', '--no-resident'),
      token('--role', 'resident', '--resident', RESIDENT, '--no-resident'),
    ]);
    expect(decodeJwt(bySub.stdout.trim())).toMatchObject({ sub: RESIDENT, resident: RESIDENT });
    expect(decodeJwt(named.stdout.trim())).toMatchObject({ sub: 'cognito-like-subject', resident: RESIDENT });
    expect(decodeJwt(none.stdout.trim())).not.toHaveProperty('resident');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--resident and --no-resident contradict each other/);
  }, 90_000);
});
