import { defineConfig } from 'vitest/config';

/** Browser journeys in Debian's Chromium; run with `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One database server per run and a migrated template (test/support/database.ts).
    globalSetup: ['test/support/global-setup.ts'],
    fileParallelism: false,
  },
});
