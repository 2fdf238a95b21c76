import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { decryptArchive, encryptArchive } from './archive-crypto.js';
import {
  dumpTable,
  insertRows,
  listAppliedMigrations,
  listTablesInDependencyOrder,
  listWritableColumns,
  resetIdentities,
  truncateTables,
} from './backup.queries.js';
import { migrateWithin } from '../db/migrate.js';
import { isLegacyArchive, openLegacyArchive } from './legacy-archive.js';
import {
  checkKeySources,
  fingerprintsOf,
  keyringOf,
  missingKeys,
  writeKeyFiles,
  usedMasterKeyIds,
  type KeyArchive,
  type KeyFingerprints,
  type KeySources,
} from './backup-keys.js';

/**
 * A backup is every table of the database, encrypted with the operator's passphrase. It holds
 * no key material, only the fingerprints of the keys that open it: the keys travel in a key
 * archive of their own, under another passphrase (backup-keys.ts, decision 023). It restores
 * into an installation at the same schema version (same migrations) or a later one, on the
 * embedded or an external PostgreSQL alike; it is also how a PGlite data directory of an earlier
 * version is converted (decision 020), from that version's MPBACKUP1 archive (legacy-archive.ts).
 */
interface Payload {
  format: 2;
  createdAt: string;
  migrations: string[];
  keys: KeyFingerprints;
  tables: { name: string; rows: unknown[] }[];
}

export const MIN_PASSPHRASE = 12;

export function checkPassphrase(
  passphrase: string | undefined,
  variable = 'MELDPUNT_BACKUP_PASSPHRASE',
): string {
  if (!passphrase || passphrase.length < MIN_PASSPHRASE)
    throw new Error(`the passphrase (${variable}) needs at least ${MIN_PASSPHRASE} characters`);
  return passphrase;
}

export async function createBackup(
  db: Db,
  keyring: Keyring,
  passphrase: string | undefined,
  actor: AuditActor,
): Promise<{ archive: Buffer; tables: number; rows: number }> {
  const secret = checkPassphrase(passphrase);
  await db.transaction().execute((trx) => recordAudit(trx, { type: 'BACKUP_CREATED', actor }));
  const payload = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx): Promise<Payload> => {
      const tables = [];
      for (const name of await listTablesInDependencyOrder(trx))
        tables.push({ name, rows: await dumpTable(trx, name) });
      return {
        format: 2,
        createdAt: new Date().toISOString(),
        migrations: await listAppliedMigrations(trx),
        keys: fingerprintsOf(keyring, await usedMasterKeyIds(trx, keyring)),
        tables,
      };
    });
  const rows = payload.tables.reduce((n, t) => n + t.rows.length, 0);
  return { archive: encryptArchive('data', payload, secret), tables: payload.tables.length, rows };
}

export interface RestoreTarget extends KeySources {
  dataDir: string;
  /** The opened key archive; without it this installation's own keys must open the backup. */
  keys?: KeyArchive;
}

/**
 * Replaces every row of the database with the archive's, in one transaction, and puts the keys
 * (from the key archive, or inside an earlier release's MPBACKUP1 archive) where the keyring
 * reads them. A backup of an earlier release (its migrations a prefix of ours) is restored at
 * its own schema point, then the newer migrations run over its rows (decision 020). Stop all
 * servers first. `legacy` says the keys came from an MPBACKUP1 archive, which lacks the
 * blind-index key: the caller re-computes the blind index under this installation's key.
 */
export async function restoreBackup(
  db: Db,
  keyring: Keyring,
  archive: Buffer,
  passphrase: string | undefined,
  target: RestoreTarget,
) {
  const secret = checkPassphrase(passphrase);
  const legacy = isLegacyArchive(archive) ? openLegacyArchive(archive, secret) : undefined;
  const payload = legacy ?? (decryptArchive('data', archive, secret) as Payload);
  if (!legacy && payload.format !== 2)
    throw new Error(`unsupported backup format ${String(payload.format)}`);
  const schema = schemaStep(payload.migrations, await listAppliedMigrations(db));
  if (legacy) {
    if (target.keys)
      throw new Error(
        'this backup of an earlier release holds its own keys; restore it without --keys',
      );
    checkKeySources(keyring, legacy.keys, target, 'the key in the backup');
  } else {
    const missing = missingKeys(
      (payload as Payload).keys,
      target.keys ? keyringOf(target.keys) : keyring,
    );
    if (missing.length) {
      throw new Error(
        target.keys
          ? `the key archive does not hold the keys of this backup (missing: ${missing.join(', ')}); use the key archive made with or after it`
          : `the keys of this installation do not open this backup (missing: ${missing.join(', ')}); restore with --keys FILE`,
      );
    }
    if (target.keys) checkKeySources(keyring, target.keys, target);
  }
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    await truncateTables(trx, await listTablesInDependencyOrder(trx));
    // The newer migrations' down() on emptied tables: the schema the backup was made at.
    if (schema.older) await migrateWithin(trx, payload.migrations.at(-1));
    const current = await listTablesInDependencyOrder(trx);
    const unknown = payload.tables.find((t) => !current.includes(t.name));
    if (unknown) throw new Error(`the backup has a table this database lacks: ${unknown.name}`);
    for (const table of payload.tables) {
      await insertRows(trx, table.name, await listWritableColumns(trx, table.name), table.rows);
      await resetIdentities(trx, table.name);
      rows += table.rows.length;
    }
    if (schema.older) await migrateWithin(trx);
    await recordAudit(trx, {
      type: 'BACKUP_RESTORED',
      actor: { kind: 'cli' },
      detail: {
        createdAt: payload.createdAt,
        rows,
        ...(schema.older ? { migratedFrom: payload.migrations.at(-1) } : {}),
      },
    });
  });
  if (legacy) writeKeyFiles(target.dataDir, legacy.keys, target);
  else if (target.keys) writeKeyFiles(target.dataDir, target.keys, target);
  return {
    tables: payload.tables.length,
    rows,
    createdAt: payload.createdAt,
    legacy: Boolean(legacy),
    migratedFrom: schema.older ? payload.migrations.at(-1) : undefined,
  };
}

/** Same schema, or an earlier release's (its migrations a prefix of ours); anything else is refused. */
function schemaStep(theirs: string[], ours: string[]): { older: boolean } {
  const prefix = (a: string[], b: string[]) =>
    a.length <= b.length && a.every((m, i) => b[i] === m);
  if (theirs.length === 0)
    throw new Error('the backup names no schema version: it is not a Meldpunt backup');
  if (prefix(theirs, ours)) return { older: theirs.length < ours.length };
  if (prefix(ours, theirs))
    throw new Error(
      `the backup was made by a newer release (schema ${theirs.at(-1)}; this one: ${ours.at(-1)}); restore it with that release or a later one`,
    );
  throw new Error(
    `the backup's schema (${theirs.at(-1)}) is not in this release's history (${ours.at(-1)}); restore it with the release that made it`,
  );
}
