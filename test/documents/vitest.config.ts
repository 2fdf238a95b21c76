import { defineConfig } from 'vitest/config';

/**
 * `npm run test:documents`: what system programs make of our documents (LibreOffice turning the
 * Word report into PDF). Needs Debian's libreoffice-writer-nogui; a missing program fails the run.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/documents/**/*.documents.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One database server per run and a migrated template (test/support/database.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Test code queries the database as the platform; the servers it starts stay fail-closed.
    setupFiles: ['test/support/platform-default.ts'],
    fileParallelism: false,
  },
});
