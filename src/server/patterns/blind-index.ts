import crypto from 'node:crypto';
import { normaliseReporterContact } from '../../domain/identifier-normalise.js';

/**
 * The blind index: an HMAC-SHA256 under the blind-index key, which lives outside the database
 * (docs/decisions/008-blind-index.md). Without the key, a guessed name or e-mail address does
 * not lead to an index entry, however the guess is hashed.
 */
export function blindIndex(key: Buffer, normalised: string): Buffer {
  return crypto.createHmac('sha256', key).update(`accused\0${normalised}`).digest();
}

/** A named reporter's fingerprint, so that several reports of one person count once. */
export function reporterFingerprint(key: Buffer, contact: string): Buffer {
  return crypto
    .createHmac('sha256', key)
    .update(`reporter\0${normaliseReporterContact(contact)}`)
    .digest();
}

/** Names a key without revealing it: stored beside each entry so that rotation finds stale ones. */
export function blindIndexKeyId(key: Buffer): string {
  return crypto
    .createHash('sha256')
    .update('blind-index-key-id\0')
    .update(key)
    .digest('hex')
    .slice(0, 16);
}
