import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import {
  institutionKeyId,
  isInstitutionKeyId,
  openInstitutionKey,
  wrapInstitutionKey,
  type InstitutionKey,
  type WrappedInstitutionKey,
} from '../crypto/seal.js';

/**
 * The institutions' master keys (decision 037): 32 random bytes per institution, stored in
 * `institution_key` wrapped by the platform master key. Made on first use (a migration cannot
 * reach the key files) — when an institution's first case is sealed, when the platform creates
 * it, at start-up for every institution — race-safe: the row's primary key is the institution,
 * and a process that loses the race takes the winner's key.
 */

function toWrapped(row: {
  institution_id: string;
  key_id: string;
  master_key_id: string;
  wrapped_key: Buffer;
}): WrappedInstitutionKey {
  return {
    institutionId: row.institution_id,
    keyId: row.key_id,
    masterKeyId: row.master_key_id,
    wrappedKey: row.wrapped_key,
  };
}

/** The stored (wrapped) key of an institution, if it has one. */
export async function findInstitutionKeyRow(
  db: Db,
  institutionId: string,
): Promise<WrappedInstitutionKey | undefined> {
  const row = await db
    .selectFrom('institution_key')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return row ? toWrapped(row) : undefined;
}

/** The institution's key in the clear, created (and stored wrapped) when it has none yet. */
export async function institutionKey(
  db: Db,
  keyring: Keyring,
  institutionId: string,
): Promise<InstitutionKey> {
  const found = await findInstitutionKeyRow(db, institutionId);
  if (found) return openInstitutionKey(keyring, found);
  const key = crypto.randomBytes(32);
  const wrapped = wrapInstitutionKey(keyring, {
    institutionId,
    keyId: institutionKeyId(key),
    key,
  });
  await db
    .insertInto('institution_key')
    .values({
      institution_id: institutionId,
      key_id: wrapped.keyId,
      master_key_id: wrapped.masterKeyId,
      wrapped_key: wrapped.wrappedKey,
    })
    .onConflict((oc) => oc.column('institution_id').doNothing())
    .execute();
  // Whoever won the race, the stored key is the institution's key.
  const stored = await findInstitutionKeyRow(db, institutionId);
  if (!stored) throw new Error(`institution ${institutionId} has no key and none could be stored`);
  return openInstitutionKey(keyring, stored);
}

/** The institution key of a team's institution. */
export async function teamInstitutionKey(
  db: Db,
  keyring: Keyring,
  teamId: string,
): Promise<InstitutionKey> {
  const team = await db
    .selectFrom('team')
    .select('institution_id')
    .where('id', '=', teamId)
    .executeTakeFirstOrThrow();
  return institutionKey(db, keyring, team.institution_id);
}

/** At start-up (platform context): every institution gets its key. */
export async function ensureInstitutionKeys(db: Db, keyring: Keyring): Promise<number> {
  const missing = await db
    .selectFrom('institution')
    .leftJoin('institution_key', 'institution_key.institution_id', 'institution.id')
    .select('institution.id')
    .where('institution_key.institution_id', 'is', null)
    .execute();
  for (const { id } of missing) await institutionKey(db, keyring, id);
  return missing.length;
}

/**
 * The key a `*_key_id` column names: a platform master key (bare id) from the keyring, or an
 * institution key (`inst-…`) from its stored row — under an institution's context only that
 * institution's key row is visible (row-level security), so another's does not open.
 */
export async function keyById(db: Db, keyring: Keyring, keyId: string): Promise<Buffer> {
  if (!isInstitutionKeyId(keyId)) return keyring.masterKey(keyId);
  const row = await db
    .selectFrom('institution_key')
    .selectAll()
    .where('key_id', '=', keyId)
    .executeTakeFirst();
  if (!row) throw new Error(`institution key ${keyId} is not available`);
  return openInstitutionKey(keyring, toWrapped(row)).key;
}
