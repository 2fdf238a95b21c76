import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenedDb {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// Return bigint counts and numerics as JS numbers; every count here fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// Keep DATE columns as 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

/** PostgreSQL when a URL is given, otherwise PGlite in `<dataDir>/pglite`. */
export async function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // A connection the server ends (restart, outage) emits 'error' on its client, also while
    // it is checked out between queries; unhandled, that would end the process. The failed
    // query reports the error, and the pool drops the broken client when it is released.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = path.join(opts.dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const release = lockDataDir(opts.dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    const lite = await PGlite.create({ dataDir: dir });
    const pool = new pg.Pool(createPgConfig(lite) as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        await lite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** PGlite allows one process per data directory; say clearly who holds it. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'pglite.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by process ${holder} (a running server?); stop it first, or use DATABASE_URL`,
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
