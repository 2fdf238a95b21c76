import crypto from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { keyedHash } from '../crypto/seal.js';

/**
 * Proof of work for anonymous writes (decision 025), with altcha-lib on our own origin: the
 * server signs a challenge (find n so that SHA-256(salt + n) is the given hash; n at most
 * `cost`), our /assets/proof-of-work.js finds n in the browser, and the server checks the
 * signature, the expiry, the purpose and that the solution is used once. No cookie, no third party.
 */
export type ProofPurpose = 'intake' | 'mailbox';
export const PROOF_FIELD = 'proof';
const LIFETIME_MS = 30 * 60_000;

const hmacKey = (keyring: Keyring) =>
  keyedHash(keyring, 'proof-of-work', 'altcha').toString('base64url');

export async function newProofChallenge(
  keyring: Keyring,
  purpose: ProofPurpose,
  cost: number,
  now = new Date(),
): Promise<Challenge> {
  return createChallenge({
    hmacKey: hmacKey(keyring),
    maxNumber: cost,
    expires: new Date(now.getTime() + LIFETIME_MS),
    params: { purpose },
  });
}

/** True for a solved, signed, unexpired challenge of this purpose that was not used before (it is used now). */
export async function spendProof(
  db: Db,
  keyring: Keyring,
  payload: string | undefined,
  purpose: ProofPurpose,
  now = new Date(),
): Promise<boolean> {
  if (!payload || payload.length > 2000) return false;
  let decoded: { salt?: unknown; signature?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return false;
  }
  if (typeof decoded.signature !== 'string' || typeof decoded.salt !== 'string') return false;
  if (extractParams(payload).purpose !== purpose) return false;
  if (!(await verifySolution(payload, hmacKey(keyring), true).catch(() => false))) return false;
  // Single use: the first request to record the signature wins; replays find the row.
  const key = `proof:${crypto.createHash('sha256').update(decoded.signature).digest('base64url').slice(0, 22)}`;
  const inserted = await db
    .insertInto('throttle')
    .values({ key, failures: 1, window_started_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (Math.random() < 0.02)
    await db
      .deleteFrom('throttle')
      .where('key', 'like', 'proof:%')
      .where('window_started_at', '<', new Date(now.getTime() - 2 * LIFETIME_MS))
      .execute();
  return Boolean(inserted);
}
