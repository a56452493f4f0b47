import { defineConfig } from 'vitest/config';

/**
 * The fast specs Stryker (`stryker.config.mjs`) runs against each mutant: the deciders' unit specs,
 * the authorization module's and the HTTP middlewares'. Nothing here starts an engine or a server,
 * so a mutant costs milliseconds, not the seconds an end-to-end journey takes.
 */
export default defineConfig({
  test: {
    include: [
      'test/domain/*.decider.unit.spec.ts',
      'test/domain/*/*.decider.unit.spec.ts',
      'test/functions/app/authorization.unit.spec.ts',
      'test/functions/http/middleware/*.unit.spec.ts',
    ],
    setupFiles: ['test/support/fast-check.setup.ts'],
    testTimeout: 30_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
