import crypto from 'node:crypto';
import zlib from 'node:zlib';

/**
 * The archive file: "MPBACKUP1\n" | salt(16) | nonce(12) | tag(16) | AES-256-GCM(gzip(json)).
 * The key is derived from the operator's passphrase with scrypt (N=2^15, r=8, p=1), so the
 * archive — which carries the key material — is useless without the passphrase.
 */
const MAGIC = Buffer.from('MPBACKUP1\n');
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function deriveKey(passphrase: string, salt: Buffer): Buffer {
  return crypto.scryptSync(passphrase, salt, 32, SCRYPT);
}

export function encryptArchive(payload: unknown, passphrase: string): Buffer {
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt), nonce);
  cipher.setAAD(MAGIC);
  const body = Buffer.concat([cipher.update(zlib.gzipSync(JSON.stringify(payload))), cipher.final()]);
  return Buffer.concat([MAGIC, salt, nonce, cipher.getAuthTag(), body]);
}

export function decryptArchive(archive: Buffer, passphrase: string): unknown {
  if (!archive.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a Meldpunt backup archive');
  let at = MAGIC.length;
  const salt = archive.subarray(at, (at += 16));
  const nonce = archive.subarray(at, (at += 12));
  const tag = archive.subarray(at, (at += 16));
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt), nonce);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(archive.subarray(at)), decipher.final()]);
  } catch {
    throw new Error('the backup cannot be decrypted: wrong passphrase or damaged file');
  }
  return JSON.parse(zlib.gunzipSync(plain).toString('utf8'));
}
