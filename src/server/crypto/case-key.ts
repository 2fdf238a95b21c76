import type { Db } from '../db/create-db.js';
import type { Keyring } from './keyring.js';
import { unwrapDataKey } from './seal.js';
import { AppError } from '../http/errors.js';

/** Associated data for a sealed field of a case: a ciphertext opens only in its own row and field. */
export const caseAad = (caseId: string, field: string) => `case:${caseId}:${field}`;

/** The case's data key, unwrapped; NOT_FOUND when the case has none (never existed, or erased). */
export async function getCaseDataKey(db: Db, keyring: Keyring, caseId: string): Promise<Buffer> {
  const row = await db.selectFrom('case_key').select(['master_key_id', 'wrapped_key']).where('case_id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return unwrapDataKey(keyring, caseId, row.master_key_id, row.wrapped_key);
}
