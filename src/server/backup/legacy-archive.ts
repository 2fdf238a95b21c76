import crypto from 'node:crypto';
import { openArchiveBody } from './archive-crypto.js';

/**
 * The backup archive of releases before decision 023 ("MPBACKUP1"): salt(16) | nonce(12) | tag(16)
 * | AES-256-GCM(gzip(json)) under scrypt (N=2^15, r=8, p=1), with the master keys and the index
 * key inside (not the blind-index key). Read only, to convert an earlier installation
 * (decision 020); this release never writes it.
 */
const MAGIC = Buffer.from('MPBACKUP1\n');
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export interface LegacyPayload {
  format: 1;
  createdAt: string;
  migrations: string[];
  keys: { masterKeys: Record<string, string>; indexKey: string };
  tables: { name: string; rows: unknown[] }[];
}

export const isLegacyArchive = (archive: Buffer) => archive.subarray(0, MAGIC.length).equals(MAGIC);

export function openLegacyArchive(archive: Buffer, passphrase: string): LegacyPayload {
  let at = MAGIC.length;
  const salt = archive.subarray(at, (at += 16));
  const nonce = archive.subarray(at, (at += 12));
  const tag = archive.subarray(at, (at += 16));
  if (tag.length !== 16) throw new Error('the backup cannot be decrypted: damaged file');
  const key = crypto.scryptSync(passphrase, salt, 32, SCRYPT);
  const payload = openArchiveBody(
    key,
    { nonce, tag, aad: MAGIC, body: archive.subarray(at) },
    'backup',
  ) as LegacyPayload;
  if (payload.format !== 1)
    throw new Error(`unsupported backup format ${String(payload.format)} in an MPBACKUP1 archive`);
  if (!payload.keys?.indexKey || !payload.keys.masterKeys)
    throw new Error("the earlier release's backup holds no keys: it is damaged");
  return payload;
}
