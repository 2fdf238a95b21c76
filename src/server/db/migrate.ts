import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Transaction } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './create-db.js';
import { asPlatform } from './tenancy.js';

const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** Brings the schema up to date; safe to call from several processes at once. The platform's work. */
export async function migrateToLatest(db: Db): Promise<void> {
  await asPlatform(() => migrateAll(db));
}

async function migrateAll(db: Db): Promise<void> {
  await db.connection().execute(async (conn) => {
    // Serialise concurrent starts on one PostgreSQL database.
    await sql`SELECT pg_advisory_lock(7012026)`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: migrationFiles,
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(7012026)`.execute(conn);
    }
  });
}

/**
 * Inside a restore's transaction: migrates down (each newer migration's down()) to `target`, or
 * up to the latest without it. Used to restore a backup of an earlier release at its own schema
 * point, then let the newer migrations transform its rows (backup.service.ts, decision 020).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database: the migrations are untyped
export async function migrateWithin(trx: Transaction<any>, target?: string): Promise<void> {
  const migrator = new Migrator({ db: trx, provider: migrationFiles });
  const { error, results } = target
    ? await migrator.migrateTo(target)
    : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
  }
}

/** The files in migrations/, imported from here so that tsx and the test runner both load them. */
const migrationFiles: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    for (const file of (await fs.readdir(MIGRATIONS_DIR)).sort()) {
      if (!/\.(ts|js)$/.test(file)) continue;
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(
        pathToFileURL(path.join(MIGRATIONS_DIR, file)).href
      )) as Migration;
    }
    return migrations;
  },
};
