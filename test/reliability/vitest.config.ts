import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: server processes, crashes, outages, fuzzing; needs PostgreSQL 15.
 * Two files at a time (the public-endpoint fuzzing is split in two shares for this); one file
 * alone: `npm run test:reliability -- test/reliability/crash.reliability.ts`.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/reliability/**/*.reliability.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: Number(process.env.RELIABILITY_WORKERS ?? 2),
  },
});
