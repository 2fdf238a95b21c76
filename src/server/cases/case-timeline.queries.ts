import type { Db } from '../db/create-db.js';

/**
 * What the case page's summary and timeline show of the case's other records: dates, kinds,
 * levels and names only — no sealed column is read here (decision 029). The content stays on
 * each record's own page (risk, consents, correspondence, referrals), which audits its read.
 */

export async function listRiskMarks(db: Db, caseId: string) {
  return db
    .selectFrom('risk_assessment')
    .innerJoin('app_user', 'app_user.id', 'risk_assessment.assessed_by')
    .select([
      'risk_assessment.id',
      'level',
      'assessed_at',
      'reassess_on',
      'app_user.display_name as assessor',
    ])
    .where('case_id', '=', caseId)
    .orderBy('assessed_at')
    .execute();
}

export async function listConsentMarks(db: Db, caseId: string) {
  return db
    .selectFrom('consent_grant')
    .select(['id', 'info', 'recipient_kind', 'recipient', 'purpose', 'granted_at', 'withdrawn_at'])
    .where('case_id', '=', caseId)
    .orderBy('granted_at')
    .execute();
}

export async function listMessageMarks(db: Db, caseId: string) {
  return db
    .selectFrom('case_message')
    .select(['id', 'author', 'created_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export async function listReferralMarks(db: Db, caseId: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'partner_key', 'referred_on', 'is_warm_handover'])
    .where('case_id', '=', caseId)
    .orderBy('referred_on')
    .execute();
}

/** Decisions of the zorgoverleg on this case: when, and at which meeting — the text stays on the case's MDO page. */
export async function listMdoDecisionMarks(db: Db, caseId: string) {
  return db
    .selectFrom('mdo_item')
    .innerJoin('mdo_meeting', 'mdo_meeting.id', 'mdo_item.meeting_id')
    .select(['mdo_item.id', 'mdo_item.decided_at', 'mdo_meeting.held_on'])
    .where('mdo_item.case_id', '=', caseId)
    .where('mdo_item.decided_at', 'is not', null)
    .orderBy('mdo_item.decided_at')
    .execute();
}

/** Display names of staff named as consent recipients (by user id). */
export async function listUserNames(db: Db, ids: string[]) {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/.test(id));
  if (uuids.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', uuids)
    .execute();
}
