import { defineConfig } from 'vitest/config';

/**
 * Browser journeys in Debian's Chromium; run with `npm run test:e2e` (one journey:
 * `npm run test:e2e -- e2e/first-report.e2e.test.ts`). Two journey files at a time, each with
 * its own server and Chromium; axe runs once per distinct page state in the run (axe-seen.ts).
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    // One database server per run and a migrated template (test/support/database.ts); axe's shared record.
    globalSetup: ['test/support/global-setup.ts', 'e2e/support/axe-seen-setup.ts'],
    // Test code queries the database as the platform; the servers it starts stay fail-closed.
    setupFiles: ['test/support/platform-default.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: Number(process.env.E2E_WORKERS ?? 2),
  },
});
