import type { Db } from '../db/create-db.js';

export async function listGrantRows(db: Db, caseId: string) {
  return db
    .selectFrom('consent_grant')
    .leftJoin('app_user as recorder', 'recorder.id', 'consent_grant.recorded_by')
    .selectAll('consent_grant')
    .select('recorder.display_name as recorded_by_name')
    .where('case_id', '=', caseId)
    .orderBy('granted_at')
    .orderBy('id')
    .execute();
}

export async function listOverrideRows(db: Db, caseId: string) {
  return db
    .selectFrom('consent_override')
    .leftJoin('app_user as recorder', 'recorder.id', 'consent_override.recorded_by')
    .selectAll('consent_override')
    .select('recorder.display_name as recorded_by_name')
    .where('case_id', '=', caseId)
    .orderBy('recorded_at')
    .execute();
}

/** Shares outside the institution that rested on a consent of the ledger. */
export async function listSharesUnderConsent(db: Db, caseId: string) {
  return db
    .selectFrom('external_share')
    .select(['ledger_basis_id', 'shared_on', 'partner_key'])
    .where('case_id', '=', caseId)
    .where('ledger_basis', '=', 'consent')
    .orderBy('shared_on')
    .execute();
}
