import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readConfig } from '../../src/server/config.js';
import { bootstrap, type Deps } from '../../src/server/bootstrap.js';

/**
 * A freshly migrated database for one test file: PGlite in a temporary data directory by
 * default, or a new database on the server named by TEST_DATABASE_URL (dropped afterwards).
 * `env` adds settings as the server would read them (e.g. MELDPUNT_SMTP_URL). The flood budget
 * for public submissions is lifted unless a test sets it: its own test covers it.
 */
export async function createTestDeps(env: Record<string, string> = {}): Promise<Deps & { dispose(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-test-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (serverUrl) {
    dbName = `meldpunt_test_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${dbName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const config = readConfig({ MELDPUNT_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, MELDPUNT_LOG_LEVEL: 'silent', MELDPUNT_INTAKE_PER_SESSION: '100000', MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: '100000', ...env });
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
      if (serverUrl && dbName) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
