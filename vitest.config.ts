import { defineConfig } from 'vitest/config';

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  // fast-check runs from FC_SEED (or a drawn seed) and a failing property test prints it.
  setupFiles: ['test/support/fast-check.setup.ts'],
};

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: keep engine-heavy files from starving each other.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        // Unit specs touch no process-wide state (no runtime, no environment, no engine): they share
        // one module graph per worker instead of importing it again per file (58 s → 23 s here).
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.unit.spec.ts'],
          isolate: false,
        },
      },
      {
        test: {
          ...shared,
          name: 'source',
          include: ['test/**/*.spec.ts'],
          exclude: ['test/bundles/**', 'test/**/*.unit.spec.ts'],
        },
      },
      {
        // The end-to-end suite once more, against the esbuild bundles the CDK app deploys. Starting
        // `npm start`, killing it mid-burst and seeding a year exercise the CLIs and the process (source
        // only); every API flow runs here.
        test: {
          ...shared,
          name: 'bundled',
          include: ['test/e2e/**/*.e2e.spec.ts', 'test/bundles/**/*.spec.ts'],
          // What proves the local runtime rather than the handlers (its process, its consumers'
          // thread, crash recovery driven from outside, the browser page, the client's drift) runs
          // once, from source: the handlers it drives are the same either way.
          exclude: [
            'test/e2e/npm-start.e2e.spec.ts',
            'test/e2e/seed.e2e.spec.ts',
            'test/e2e/kill-restart.e2e.spec.ts',
            'test/e2e/consumer-thread.e2e.spec.ts',
            'test/e2e/docs-csp.e2e.spec.ts',
            'test/e2e/kiosk-offline.e2e.spec.ts',
            'test/e2e/idempotency-crash.e2e.spec.ts',
            'test/e2e/series-crash.e2e.spec.ts',
            'test/e2e/typed-client.e2e.spec.ts',
          ],
          globalSetup: ['test/support/bundles.setup.ts'],
          env: { ...shared.env, LEDGER_HANDLERS: 'bundles' },
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
