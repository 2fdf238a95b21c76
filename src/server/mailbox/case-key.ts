import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { open, openText, seal, unwrapDataKey } from '../crypto/seal.js';
import { AppError } from '../http/errors.js';

/** The associated data that binds a sealed value to its case and field. */
export const caseAad = (caseId: string, field: string) => `case:${caseId}:${field}`;

/** A case's data key, unwrapped, with sealing helpers bound to the case. */
export interface CaseSealer {
  caseId: string;
  teamId: string;
  seal(value: string | Buffer, field: string): Buffer;
  openText(sealed: Buffer, field: string): string;
  open(sealed: Buffer, field: string): Buffer;
}

export async function getCaseSealer(db: Db, keyring: Keyring, caseId: string): Promise<CaseSealer> {
  const row = await db
    .selectFrom('case')
    .innerJoin('case_key', 'case_key.case_id', 'case.id')
    .select(['case.id', 'case.team_id', 'case_key.master_key_id', 'case_key.wrapped_key'])
    .where('case.id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const key = unwrapDataKey(keyring, row.id, row.master_key_id, row.wrapped_key);
  return {
    caseId: row.id,
    teamId: row.team_id,
    seal: (value, field) => seal(key, value, caseAad(row.id, field)),
    openText: (sealed, field) => openText(key, sealed, caseAad(row.id, field)),
    open: (sealed, field) => open(key, sealed, caseAad(row.id, field)),
  };
}
