import type { Db } from '../db/create-db.js';
import type { Keyring } from './keyring.js';
import { open, ROW_BOUND, seal, unwrapDataKey } from './seal.js';
import { AppError } from '../http/errors.js';

/** Associated data for a sealed field of a case: a ciphertext opens only in its own case and field. */
export const caseAad = (caseId: string, field: string) => `case:${caseId}:${field}`;

/**
 * Associated data for a field of one of a case's many rows (attachments, consultations, advice,
 * MDO items): a ciphertext opens only in its own case, field and row, so rows cannot be swapped
 * within a case by someone who can write the database (issue 15 finding 14).
 */
export const rowAad = (caseId: string, field: string, rowId: string) =>
  `case:${caseId}:${field}:row:${rowId}`;

export function sealInRow(
  key: Buffer,
  caseId: string,
  field: string,
  rowId: string,
  value: string | Buffer,
): Buffer {
  return seal(key, value, rowAad(caseId, field, rowId), ROW_BOUND);
}

/**
 * Opens a row's field. Version 2 ciphertexts need their row; a version 1 ciphertext written
 * before row binding opens under the case and field (the migration path: it is re-sealed in its
 * row the next time it is written). A version 2 ciphertext relabelled as version 1 does not
 * open, because its tag covers the row.
 */
export function openInRow(
  key: Buffer,
  caseId: string,
  field: string,
  rowId: string,
  sealed: Buffer,
): Buffer {
  return open(
    key,
    sealed,
    sealed[0] === ROW_BOUND ? rowAad(caseId, field, rowId) : caseAad(caseId, field),
  );
}

/** The case's data key, unwrapped; NOT_FOUND when the case has none (never existed, or erased). */
export async function getCaseDataKey(db: Db, keyring: Keyring, caseId: string): Promise<Buffer> {
  const row = await db
    .selectFrom('case_key')
    .select(['master_key_id', 'wrapped_key'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return unwrapDataKey(keyring, caseId, row.master_key_id, row.wrapped_key);
}
