import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { decryptArchive, encryptArchive } from './archive-crypto.js';
import {
  dumpTable, insertRows, listAppliedMigrations, listTablesInDependencyOrder, listUsedMasterKeyIds, listWritableColumns,
  resetIdentities, truncateTables,
} from './backup.queries.js';

/**
 * A backup is every table of the database plus the key material that opens it, encrypted
 * with the operator's passphrase. It restores into an installation at the same schema
 * version (same migrations), on the embedded or an external PostgreSQL alike; it is also how
 * a PGlite data directory of an earlier version is converted (decision 020).
 */
interface Payload {
  format: 1;
  createdAt: string;
  migrations: string[];
  keys: { masterKeys: Record<string, string>; indexKey: string };
  tables: { name: string; rows: unknown[] }[];
}

export const MIN_PASSPHRASE = 12;

function checkPassphrase(passphrase: string | undefined): string {
  if (!passphrase || passphrase.length < MIN_PASSPHRASE) throw new Error(`the backup passphrase (MELDPUNT_BACKUP_PASSPHRASE) needs at least ${MIN_PASSPHRASE} characters`);
  return passphrase;
}

export async function createBackup(db: Db, keyring: Keyring, passphrase: string | undefined, actor: AuditActor): Promise<{ archive: Buffer; tables: number; rows: number }> {
  const secret = checkPassphrase(passphrase);
  await db.transaction().execute((trx) => recordAudit(trx, { type: 'BACKUP_CREATED', actor }));
  const payload = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx): Promise<Payload> => {
    const tables = [];
    for (const name of await listTablesInDependencyOrder(trx)) tables.push({ name, rows: await dumpTable(trx, name) });
    const ids = new Set([...(await listUsedMasterKeyIds(trx)), keyring.currentMasterKeyId]);
    const masterKeys = Object.fromEntries([...ids].map((id) => [id, keyring.masterKey(id).toString('base64')]));
    return {
      format: 1,
      createdAt: new Date().toISOString(),
      migrations: await listAppliedMigrations(trx),
      keys: { masterKeys, indexKey: keyring.indexKey.toString('base64') },
      tables,
    };
  });
  const rows = payload.tables.reduce((n, t) => n + t.rows.length, 0);
  return { archive: encryptArchive(payload, secret), tables: payload.tables.length, rows };
}

export interface RestoreTarget {
  dataDir: string;
  /** True when the keys come from MELDPUNT_MASTER_KEY / MELDPUNT_INDEX_KEY rather than files. */
  keysFromEnvironment: boolean;
}

/**
 * Replaces every row of the database with the archive's, in one transaction, and puts the
 * archive's key material where the keyring reads it. Stop all servers first.
 */
export async function restoreBackup(db: Db, keyring: Keyring, archive: Buffer, passphrase: string | undefined, target: RestoreTarget) {
  const payload = decryptArchive(archive, checkPassphrase(passphrase)) as Payload;
  if (payload.format !== 1) throw new Error(`unsupported backup format ${String(payload.format)}`);
  const applied = await listAppliedMigrations(db);
  if (applied.join('\n') !== payload.migrations.join('\n')) {
    throw new Error(`the backup was made at another schema version (${payload.migrations.at(-1)}; this database: ${applied.at(-1)}); restore with the same release of Meldpunt`);
  }
  if (target.keysFromEnvironment) checkEnvironmentKeys(keyring, payload);
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    const current = await listTablesInDependencyOrder(trx);
    const unknown = payload.tables.find((t) => !current.includes(t.name));
    if (unknown) throw new Error(`the backup has a table this database lacks: ${unknown.name}`);
    await truncateTables(trx, current);
    for (const table of payload.tables) {
      await insertRows(trx, table.name, await listWritableColumns(trx, table.name), table.rows);
      await resetIdentities(trx, table.name);
      rows += table.rows.length;
    }
    await recordAudit(trx, { type: 'BACKUP_RESTORED', actor: { kind: 'cli' }, detail: { createdAt: payload.createdAt, rows } });
  });
  if (!target.keysFromEnvironment) writeKeyFiles(target.dataDir, payload);
  return { tables: payload.tables.length, rows, createdAt: payload.createdAt };
}

function checkEnvironmentKeys(keyring: Keyring, payload: Payload): void {
  const same = (a: Buffer, b: string) => crypto.timingSafeEqual(a, Buffer.from(b, 'base64'));
  if (!same(keyring.indexKey, payload.keys.indexKey)) throw new Error('MELDPUNT_INDEX_KEY differs from the key in the backup');
  for (const [id, key] of Object.entries(payload.keys.masterKeys)) {
    let mine: Buffer;
    try {
      mine = keyring.masterKey(id);
    } catch {
      throw new Error(`master key ${id} of the backup is not in MELDPUNT_MASTER_KEY`);
    }
    if (!same(mine, key)) throw new Error(`master key ${id} differs from the backup`);
  }
}

/** Key files as loadKeyring reads them; the restored index key replaces the current one. */
function writeKeyFiles(dataDir: string, payload: Payload): void {
  const dir = path.join(dataDir, 'keys');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [id, key] of Object.entries(payload.keys.masterKeys)) {
    const file = path.join(dir, `master-0-restored-${id}.key`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  }
  fs.writeFileSync(path.join(dir, 'index.key'), `${payload.keys.indexKey}\n`, { mode: 0o600 });
}
