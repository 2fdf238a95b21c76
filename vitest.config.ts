import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One database server per run and a migrated template (test/support/database.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Test code queries the database as the platform; the server and the CLI stay fail-closed.
    setupFiles: ['test/support/platform-default.ts'],
    // Files spend much of their time waiting on the database and child processes: three at a time
    // on two cores took 232 s where two took 383 s (docs/testing.md). TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.TEST_WORKERS ?? 3),
  },
});
