import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { open, openText, seal, unwrapDataKey } from '../crypto/seal.js';
import { openInRow, sealInRow } from '../crypto/case-key.js';
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
  /** A field of one of the case's rows, bound to that row too (crypto/case-key.ts rowAad). */
  sealRow(value: string | Buffer, field: string, rowId: string): Buffer;
  openRow(sealed: Buffer, field: string, rowId: string): Buffer;
}

export async function getCaseSealer(db: Db, keyring: Keyring, caseId: string): Promise<CaseSealer> {
  const row = await db
    .selectFrom('case')
    .innerJoin('case_key', 'case_key.case_id', 'case.id')
    .select(['case.id', 'case.team_id', 'case_key.master_key_id', 'case_key.wrapped_key'])
    .where('case.id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return bindCaseSealer(
    row.id,
    row.team_id,
    unwrapDataKey(keyring, row.id, row.master_key_id, row.wrapped_key),
  );
}

/** The sealing helpers of a case whose data key is already unwrapped (and whose policy was checked). */
export function bindCaseSealer(caseId: string, teamId: string, key: Buffer): CaseSealer {
  return {
    caseId,
    teamId,
    seal: (value, field) => seal(key, value, caseAad(caseId, field)),
    openText: (sealed, field) => openText(key, sealed, caseAad(caseId, field)),
    open: (sealed, field) => open(key, sealed, caseAad(caseId, field)),
    sealRow: (value, field, rowId) => sealInRow(key, caseId, field, rowId, value),
    openRow: (sealed, field, rowId) => openInRow(key, caseId, field, rowId, sealed),
  };
}
