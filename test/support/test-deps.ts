import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../../src/server/config.js';
import { bootstrap, type Deps } from '../../src/server/bootstrap.js';
import { freshDatabase } from './database.js';

/**
 * A freshly migrated database for one test file (test/support/database.ts: a copy of the run's
 * template on the embedded cluster, or on TEST_DATABASE_URL's server), with a temporary data
 * directory for its keys. `env` adds settings as the server would read them (e.g.
 * MELDPUNT_SMTP_URL). The flood budget for public submissions is lifted unless a test sets
 * it: its own test covers it.
 */
export async function createTestDeps(
  env: Record<string, string> = {},
): Promise<Deps & { dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-test-'));
  const database = await freshDatabase();
  const config = readConfig({
    MELDPUNT_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    MELDPUNT_LOG_LEVEL: 'silent',
    MELDPUNT_INTAKE_PER_SESSION: '100000',
    MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: '100000',
    ...env,
  });
  const deps = await bootstrap(config);
  let closed = false;
  // A test may close the database early (to hand it to a child process); dispose() then only cleans up.
  const close = async () => {
    if (closed) return;
    closed = true;
    await deps.close();
  };
  return {
    ...deps,
    close,
    async dispose() {
      await close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
