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

/** The associated data that binds a data key wrapped by a platform master key to its case. */
export const caseKeyAad = (caseId: string) => `case-key:${caseId}`;

/**
 * Institution master keys (decision 037). Ids of keys kept in the database start with `inst-`;
 * platform master keys (the key files, keyring.ts) have bare 16-hex ids. So a `master_key_id`
 * (or `*_key_id`) column says which kind of key wraps its row: `inst-…` the institution's key,
 * anything else the platform key of that id.
 */
export const INSTITUTION_KEY_PREFIX = 'inst-';
export const isInstitutionKeyId = (id: string) => id.startsWith(INSTITUTION_KEY_PREFIX);
/** The associated data of an institution key wrapped by the platform key: it opens for its institution only. */
export const institutionKeyAad = (institutionId: string) => `institution-key:${institutionId}`;
/** The associated data of a case data key wrapped by its institution's key. */
export const caseKeyAadIn = (caseId: string, institutionId: string) =>
  `case-key:${caseId}:institution:${institutionId}`;

/** A public id naming an institution key without revealing it. */
export function institutionKeyId(key: Buffer): string {
  const hash = crypto
    .createHash('sha256')
    .update('meldpunt-institution-key\0')
    .update(key)
    .digest('hex');
  return `${INSTITUTION_KEY_PREFIX}${hash.slice(0, 16)}`;
}

/** An institution key as stored: wrapped by the platform master key `masterKeyId`. */
export interface WrappedInstitutionKey {
  institutionId: string;
  keyId: string;
  masterKeyId: string;
  wrappedKey: Buffer;
}

/** An institution key in the clear, with its id and institution. */
export interface InstitutionKey {
  institutionId: string;
  keyId: string;
  key: Buffer;
}

/**
 * Institution keys this process has opened, per keyring: a keyring that never opened one (a
 * keyring with only an old platform key, say) never finds it here.
 */
const opened = new WeakMap<Keyring, Map<string, InstitutionKey>>();

function openedBy(keyring: Keyring): Map<string, InstitutionKey> {
  let map = opened.get(keyring);
  if (!map) opened.set(keyring, (map = new Map()));
  return map;
}

/** Unwraps an institution key with the platform key; checks that it is the key its id names. */
export function openInstitutionKey(keyring: Keyring, row: WrappedInstitutionKey): InstitutionKey {
  const cacheId = `${row.institutionId}:${row.keyId}`;
  const known = openedBy(keyring).get(row.keyId);
  if (known && `${known.institutionId}:${known.keyId}` === cacheId) return known;
  const key = open(
    keyring.masterKey(row.masterKeyId),
    row.wrappedKey,
    institutionKeyAad(row.institutionId),
  );
  if (institutionKeyId(key) !== row.keyId)
    throw new Error(`institution key ${row.keyId} does not match its id`);
  const out = { institutionId: row.institutionId, keyId: row.keyId, key };
  openedBy(keyring).set(row.keyId, out);
  return out;
}

/** Makes this process forget an institution key (after its erasure). */
export function forgetInstitutionKey(keyring: Keyring, keyId: string): void {
  openedBy(keyring).delete(keyId);
}

/** Wraps an institution key under the keyring's current platform key. */
export function wrapInstitutionKey(keyring: Keyring, ik: InstitutionKey): WrappedInstitutionKey {
  const masterKeyId = keyring.currentMasterKeyId;
  return {
    institutionId: ik.institutionId,
    keyId: ik.keyId,
    masterKeyId,
    wrappedKey: seal(keyring.masterKey(masterKeyId), ik.key, institutionKeyAad(ik.institutionId)),
  };
}

/**
 * A fresh data key for one case, and its form wrapped by the case's institution key (or, without
 * one, by the platform's current master key — the form of cases created before decision 037).
 */
export function createDataKey(keyring: Keyring, caseId: string, institution?: InstitutionKey) {
  const dataKey = crypto.randomBytes(32);
  return { dataKey, ...wrapDataKey(keyring, caseId, dataKey, institution) };
}

/** Wraps a case's data key by its institution key, or by the platform's current master key. */
export function wrapDataKey(
  keyring: Keyring,
  caseId: string,
  dataKey: Buffer,
  institution?: InstitutionKey,
): { masterKeyId: string; wrappedKey: Buffer } {
  if (institution)
    return {
      masterKeyId: institution.keyId,
      wrappedKey: seal(institution.key, dataKey, caseKeyAadIn(caseId, institution.institutionId)),
    };
  const masterKeyId = keyring.currentMasterKeyId;
  return {
    masterKeyId,
    wrappedKey: seal(keyring.masterKey(masterKeyId), dataKey, caseKeyAad(caseId)),
  };
}

/**
 * Unwraps a case's data key. A key wrapped by a platform key (a bare id) opens with the keyring;
 * one wrapped by an institution key (`inst-…`) needs that key's stored row (`institution`, as the
 * case loader joins it) — `undefined` takes it from the keys this process opened before, `null`
 * (no row: erased) refuses.
 */
export function unwrapDataKey(
  keyring: Keyring,
  caseId: string,
  masterKeyId: string,
  wrappedKey: Buffer,
  institution?: WrappedInstitutionKey | null,
): Buffer {
  if (!isInstitutionKeyId(masterKeyId))
    return open(keyring.masterKey(masterKeyId), wrappedKey, caseKeyAad(caseId));
  const ik =
    institution === undefined
      ? openedBy(keyring).get(masterKeyId)
      : institution && institution.keyId === masterKeyId
        ? openInstitutionKey(keyring, institution)
        : undefined;
  if (!ik) throw new Error(`institution key ${masterKeyId} is not available`);
  return open(ik.key, wrappedKey, caseKeyAadIn(caseId, ik.institutionId));
}

/** A keyed hash for look-ups (receipt codes); useless without the index key. */
export function keyedHash(keyring: Keyring, purpose: string, value: string): Buffer {
  return crypto.createHmac('sha256', keyring.indexKey).update(`${purpose}\0${value}`).digest();
}
