import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { isInstitutionKeyId } from '../crypto/seal.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { decryptArchive, encryptArchive } from './archive-crypto.js';
import { listUsedMasterKeyIds } from './backup.queries.js';

/**
 * The key archive (docs/decisions/023-backup-keys-apart.md): the master keys in use, the index
 * key and the blind-index key, encrypted under a passphrase of their own
 * (MELDPUNT_KEYS_PASSPHRASE), made once and after every key rotation and kept apart from the
 * database archives. A database archive names its keys only by fingerprint.
 */
export interface KeyArchive {
  format: 1;
  createdAt: string;
  masterKeys: Record<string, string>;
  indexKey: string;
  blindIndexKey: string;
}

/** Names the keys a database archive needs, without revealing them. */
export interface KeyFingerprints {
  masterKeyIds: string[];
  indexKeyId: string;
  blindIndexKeyId: string;
}

export const fingerprint = (key: Buffer) =>
  crypto
    .createHash('sha256')
    .update('meldpunt-key-fingerprint\0')
    .update(key)
    .digest('hex')
    .slice(0, 16);

export async function usedMasterKeyIds(db: Db, keyring: Keyring): Promise<string[]> {
  // Institution keys (`inst-…`) live in the database, wrapped by a platform key listed here.
  const used = (await listUsedMasterKeyIds(db)).filter((id) => !isInstitutionKeyId(id));
  return [...new Set([...used, keyring.currentMasterKeyId])];
}

export function fingerprintsOf(keyring: Keyring, masterKeyIds: string[]): KeyFingerprints {
  return {
    masterKeyIds,
    indexKeyId: fingerprint(keyring.indexKey),
    blindIndexKeyId: fingerprint(keyring.blindIndexKey),
  };
}

export async function createKeyArchive(
  db: Db,
  keyring: Keyring,
  passphrase: string,
  backupPassphrase: string | undefined,
  actor: AuditActor,
): Promise<Buffer> {
  if (backupPassphrase && passphrase === backupPassphrase)
    throw new Error(
      'MELDPUNT_KEYS_PASSPHRASE must differ from MELDPUNT_BACKUP_PASSPHRASE: the keys are kept apart from the data',
    );
  const ids = await usedMasterKeyIds(db, keyring);
  const payload: KeyArchive = {
    format: 1,
    createdAt: new Date().toISOString(),
    masterKeys: Object.fromEntries(ids.map((id) => [id, keyring.masterKey(id).toString('base64')])),
    indexKey: keyring.indexKey.toString('base64'),
    blindIndexKey: keyring.blindIndexKey.toString('base64'),
  };
  await db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, { type: 'BACKUP_KEYS_EXPORTED', actor, detail: { masterKeys: ids.length } }),
    );
  return encryptArchive('keys', payload, passphrase);
}

export function openKeyArchive(archive: Buffer, passphrase: string): KeyArchive {
  const keys = decryptArchive('keys', archive, passphrase) as KeyArchive;
  if (keys.format !== 1) throw new Error(`unsupported key archive format ${String(keys.format)}`);
  return keys;
}

/** The keys a database archive needs that `have` (the key archive, or this installation) lacks. */
export function missingKeys(
  need: KeyFingerprints,
  have: { masterKey(id: string): Buffer; indexKey: Buffer; blindIndexKey: Buffer },
): string[] {
  const missing: string[] = [];
  for (const id of need.masterKeyIds) {
    try {
      have.masterKey(id);
    } catch {
      missing.push(`master key ${id}`);
    }
  }
  if (fingerprint(have.indexKey) !== need.indexKeyId) missing.push('the index key');
  if (fingerprint(have.blindIndexKey) !== need.blindIndexKeyId) missing.push('the blind-index key');
  return missing;
}

export const keyringOf = (keys: KeyArchive) => ({
  masterKey(id: string) {
    const key = keys.masterKeys[id];
    if (!key) throw new Error(`master key ${id} is not in the key archive`);
    return Buffer.from(key, 'base64');
  },
  indexKey: Buffer.from(keys.indexKey, 'base64'),
  blindIndexKey: Buffer.from(keys.blindIndexKey, 'base64'),
});

/** Keys to check and write: a key archive's, or those inside an earlier release's backup (no blind-index key there). */
export type KeySet = Pick<KeyArchive, 'masterKeys' | 'indexKey'> & { blindIndexKey?: string };

/** Which keys this installation takes from the environment: those must equal the archive's; the others are written as files. */
export interface KeySources {
  masterFromEnvironment: boolean;
  indexFromEnvironment: boolean;
  blindIndexFromEnvironment: boolean;
}

/** Before a restore: keys from the environment must be the archive's. */
export function checkKeySources(
  keyring: Keyring,
  keys: KeySet,
  sources: KeySources,
  origin = 'the key archive',
): void {
  const same = (a: Buffer, b: string) => crypto.timingSafeEqual(a, Buffer.from(b, 'base64'));
  if (sources.indexFromEnvironment && !same(keyring.indexKey, keys.indexKey))
    throw new Error(`MELDPUNT_INDEX_KEY differs from ${origin}`);
  if (
    sources.blindIndexFromEnvironment &&
    keys.blindIndexKey &&
    !same(keyring.blindIndexKey, keys.blindIndexKey)
  )
    throw new Error(`MELDPUNT_BLIND_INDEX_KEY differs from ${origin}`);
  if (sources.masterFromEnvironment) {
    for (const [id, key] of Object.entries(keys.masterKeys)) {
      let mine: Buffer;
      try {
        mine = keyring.masterKey(id);
      } catch {
        throw new Error(`master key ${id} of ${origin} is not in MELDPUNT_MASTER_KEY`);
      }
      if (!same(mine, key)) throw new Error(`master key ${id} differs from ${origin}`);
    }
  }
}

/** After a restore: the archive's keys as files where loadKeyring reads them (those not from the environment). */
export function writeKeyFiles(dataDir: string, keys: KeySet, sources: KeySources): void {
  const dir = path.join(dataDir, 'keys');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!sources.masterFromEnvironment) {
    for (const [id, key] of Object.entries(keys.masterKeys)) {
      const file = path.join(dir, `master-0-restored-${id}.key`);
      if (!fs.existsSync(file)) fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
    }
  }
  if (!sources.indexFromEnvironment)
    fs.writeFileSync(path.join(dir, 'index.key'), `${keys.indexKey}\n`, { mode: 0o600 });
  if (!sources.blindIndexFromEnvironment && keys.blindIndexKey)
    fs.writeFileSync(path.join(dir, 'blind-index.key'), `${keys.blindIndexKey}\n`, { mode: 0o600 });
}
