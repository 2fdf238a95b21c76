import { defineConfig } from 'vitest/config';

/** `npm run test:reliability`: server processes, crashes, outages; on the embedded PostgreSQL or TEST_DATABASE_URL. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/reliability/**/*.reliability.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One database server per run and a migrated template (test/support/database.ts).
    globalSetup: ['test/support/global-setup.ts'],
    fileParallelism: false,
  },
});
