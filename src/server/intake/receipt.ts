import crypto from 'node:crypto';
import type { Keyring } from '../crypto/keyring.js';
import { keyedHash, openText, seal } from '../crypto/seal.js';

/**
 * The anonymous reporter's receipt code: 16 random characters from an alphabet without
 * look-alikes (80 bits). The database keeps a keyed hash of it (for the mailbox sign-in) and,
 * until the reporter confirms having saved it or a day has passed, a copy sealed under a key
 * that needs the reporting browser's secret (its CSRF cookie): a retry from that browser shows
 * the same code, nobody else can open it — not with the database, the backup or the key files
 * (docs/decisions/022-receipt-shown-once.md).
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newReceipt(): string {
  const bytes = crypto.randomBytes(16);
  let code = '';
  for (let i = 0; i < 16; i++) code += ALPHABET[bytes[i]! & 31]; // 256 is a multiple of 32: no bias
  return code.match(/.{4}/g)!.join('-');
}

export function normaliseReceipt(input: string): string {
  const raw = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return raw.match(/.{1,4}/g)?.join('-') ?? '';
}

export function receiptHash(keyring: Keyring, receipt: string): Buffer {
  return keyedHash(keyring, 'receipt', normaliseReceipt(receipt));
}

/** What the case keeps of a submission's idempotency key: a keyed hash, bound to the browser that sent it. */
export function intakeKeyHash(
  keyring: Keyring,
  browserKey: string,
  idempotencyKey: string,
): Buffer {
  return keyedHash(keyring, 'intake', `${browserKey}\0${idempotencyKey}`);
}

function retryKey(keyring: Keyring, browserKey: string, idempotencyKey: string): Buffer {
  return keyedHash(keyring, 'receipt-retry', `${browserKey}\0${idempotencyKey}`);
}

export function sealReceipt(
  keyring: Keyring,
  browserKey: string,
  idempotencyKey: string,
  caseId: string,
  receipt: string,
): Buffer {
  return seal(retryKey(keyring, browserKey, idempotencyKey), receipt, `receipt-retry:${caseId}`);
}

export function openReceipt(
  keyring: Keyring,
  browserKey: string,
  idempotencyKey: string,
  caseId: string,
  sealed: Buffer,
): string | undefined {
  try {
    return openText(
      retryKey(keyring, browserKey, idempotencyKey),
      sealed,
      `receipt-retry:${caseId}`,
    );
  } catch {
    return undefined;
  }
}
