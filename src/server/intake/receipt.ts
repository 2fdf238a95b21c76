import crypto from 'node:crypto';
import type { Keyring } from '../crypto/keyring.js';
import { keyedHash } from '../crypto/seal.js';

/**
 * The anonymous reporter's receipt code: 16 characters from an alphabet without look-alikes
 * (80 bits). It is derived from the submission's idempotency key under the index key, so a
 * retried submission shows the same code; the database keeps only a keyed hash of it.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function receiptFor(keyring: Keyring, idempotencyKey: string): string {
  const bytes = crypto.createHmac('sha256', keyring.indexKey).update(`receipt\0${idempotencyKey}`).digest();
  let code = '';
  for (let i = 0; i < 16; i++) code += ALPHABET[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

export function normaliseReceipt(input: string): string {
  const raw = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return raw.match(/.{1,4}/g)?.join('-') ?? '';
}

export function receiptHash(keyring: Keyring, receipt: string): Buffer {
  return keyedHash(keyring, 'receipt', normaliseReceipt(receipt));
}
