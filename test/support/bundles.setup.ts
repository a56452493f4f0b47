import type { TestProject } from 'vitest/node';
import { bundleDirsIn } from '../../infra/local/handlers.js';
import { synthesizeCloudAssembly } from '../../infra/local/synth.js';

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
  const started = Date.now();
  const cdkOut = synthesizeCloudAssembly('inherit');
  bundleDirsIn(cdkOut);
  console.log(`cdk synth (offline, bundled) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${cdkOut}`);
  project.provide('cdkOut', cdkOut);
}
