import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleDirsIn } from '../../infra/local/handlers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cloud assembly `cdk synth` wrote: the bundles the deployment would upload. */
    cdkOut: string;
  }
}

/**
 * Before the end-to-end suite runs against the bundles: the real CLI synthesizes the app, offline,
 * exactly as `npm run deploy` would before uploading (esbuild bundling, cdk-nag included).
 */
export default function setup(project: TestProject) {
  const cdkOut = mkdtempSync(join(tmpdir(), 'ccl-cdk-out-'));
  const started = Date.now();
  execFileSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', cdkOut], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  bundleDirsIn(cdkOut);
  console.log(`cdk synth (offline, bundled) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${cdkOut}`);
  project.provide('cdkOut', cdkOut);
}
