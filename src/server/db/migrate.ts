import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './create-db.js';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Brings the schema up to date; safe to call from several processes at once. */
export async function migrateToLatest(db: Db): Promise<void> {
  await db.connection().execute(async (conn) => {
    // Serialise concurrent starts on one PostgreSQL database.
    await sql`SELECT pg_advisory_lock(7012026)`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
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
