import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readConfig } from '../../src/server/config.js';
import { bootstrap, type Deps } from '../../src/server/bootstrap.js';

export type DbKind = 'pglite' | 'postgres';

/** The PostgreSQL server for these tests: TEST_DATABASE_URL, else the local one. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Where a server process keeps its data: a temporary data directory (PGlite, and the key
 * files in both cases) plus, for PostgreSQL, a fresh database that dispose() drops.
 */
export interface Target {
  kind: DbKind;
  env: Record<string, string>;
  /** Opens the database in this process (for PGlite: stop the server first). */
  open(): Promise<Deps>;
  dispose(): Promise<void>;
}

export async function createTarget(kind: DbKind, serverUrl = POSTGRES_URL): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-rel-'));
  const env: Record<string, string> = { MELDPUNT_DATA_DIR: dataDir };
  let dbName: string | undefined;
  if (kind === 'postgres') {
    dbName = `meldpunt_rel_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${dbName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  return {
    kind,
    env,
    open: () => bootstrap(readConfig({ ...env, MELDPUNT_LOG_LEVEL: 'silent' })),
    async dispose() {
      if (dbName) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
