import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: server processes, crashes, outages, fuzzing; on the embedded
 * PostgreSQL or TEST_DATABASE_URL. Two files at a time (the public-endpoint fuzzing is split in
 * two shares for this); one file alone: `npm run test:reliability -- test/reliability/crash.reliability.ts`.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/reliability/**/*.reliability.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One database server per run and a migrated template (test/support/database.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Test code queries the database as the platform; the servers it starts stay fail-closed.
    setupFiles: ['test/support/platform-default.ts'],
    maxWorkers: Number(process.env.RELIABILITY_WORKERS ?? 2),
  },
});
