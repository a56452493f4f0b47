// @ts-check
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Mutation testing (`npm run mutate`): Stryker changes one small thing at a time in the domain
 * deciders, the authorization module and the HTTP middlewares, and runs the fast specs of
 * vitest.stryker.config.ts against each change. A change no test notices (a surviving mutant) is a
 * rule no test pins: kill it with a test, or say in test/mutation-survivors.md why it cannot change
 * behaviour. The HTML report lands in reports/mutation/ (gitignored).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  mutate: [
    'domain/**/*.decider.ts',
    'domain/activity/study-leave.ts',
    'functions/app/authorization.ts',
    'functions/http/middleware/*.ts',
  ],
  coverageAnalysis: 'perTest',
  // Two cores on the machines this runs on: one mutant per core.
  concurrency: 2,
  timeoutMS: 10_000,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Outside the working tree: a sandbox inside it holds a second biome.jsonc, which stops
  // `biome check .` for everyone while a run lasts.
  tempDirName: join(tmpdir(), 'ccl-stryker'),
  ignorePatterns: ['cdk.out', '.data', '.scratch', 'reports', 'bench'],
  cleanTempDir: true,
  thresholds: { high: 85, low: 70, break: null },
};
