import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `cdk synth` with the real CLI, offline, into a fresh folder: what `npm run deploy` builds before
 * uploading (esbuild bundles, cdk-nag). Returns the cloud assembly's folder.
 */
export function synthesizeCloudAssembly(log: 'inherit' | 'ignore' = 'ignore'): string {
  const cdkOut = mkdtempSync(join(tmpdir(), 'ccl-cdk-out-'));
  execFileSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', cdkOut], {
    stdio: ['ignore', 'ignore', log],
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  return cdkOut;
}
