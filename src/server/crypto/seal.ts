import crypto from 'node:crypto';
import type { Keyring } from './keyring.js';

/**
 * Authenticated encryption of case content: AES-256-GCM with a random 96-bit nonce.
 * Sealed form: version(1) | nonce(12) | tag(16) | ciphertext. The associated data binds a
 * ciphertext to its case and field, so a value copied to another row does not open.
 */
const VERSION = 1;
/** Version 2: the same format, sealed under associated data that also names its row (crypto/case-key.ts caseAad with a row). */
export const ROW_BOUND = 2;

export function seal(
  key: Buffer,
  plaintext: string | Buffer,
  aad: string,
  version: 1 | 2 = VERSION,
): Buffer {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([version]), nonce, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed[0] !== VERSION && sealed[0] !== ROW_BOUND)
    throw new Error('unknown ciphertext version');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
}

export function openText(key: Buffer, sealed: Buffer, aad: string): string {
  return open(key, sealed, aad).toString('utf8');
}

/** The associated data that binds a wrapped data key to its case. */
export const caseKeyAad = (caseId: string) => `case-key:${caseId}`;

/** A fresh data key for one case, and its form wrapped by the current master key. */
export function createDataKey(keyring: Keyring, caseId: string) {
  const dataKey = crypto.randomBytes(32);
  const masterKeyId = keyring.currentMasterKeyId;
  const wrappedKey = seal(keyring.masterKey(masterKeyId), dataKey, caseKeyAad(caseId));
  return { dataKey, masterKeyId, wrappedKey };
}

export function unwrapDataKey(
  keyring: Keyring,
  caseId: string,
  masterKeyId: string,
  wrappedKey: Buffer,
): Buffer {
  return open(keyring.masterKey(masterKeyId), wrappedKey, caseKeyAad(caseId));
}

/** A keyed hash for look-ups (receipt codes); useless without the index key. */
export function keyedHash(keyring: Keyring, purpose: string, value: string): Buffer {
  return crypto.createHmac('sha256', keyring.indexKey).update(`${purpose}\0${value}`).digest();
}
