import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { currentInstitution } from '../db/tenancy.js';

/**
 * Every read and change of case data writes one of these, in the same transaction as the
 * change. Details carry ids and codes, never case content.
 */
export type AuditEventType =
  // risk, plan, escalation, referrals, police, threats, expert team, MDO (issue 5)
  | 'RISK_ASSESSED'
  | 'RISK_VIEWED'
  | 'RISK_REASSESSMENT_REMINDED'
  | 'PLAN_STEP_ADDED'
  | 'PLAN_STEP_COMPLETED'
  | 'PLAN_AGREEMENT_RECORDED'
  | 'PLAN_VIEWED'
  | 'ESCALATION_STEP_RECORDED'
  | 'ESCALATION_OUTCOME_RECORDED'
  | 'ESCALATION_VIEWED'
  // the careful process: ladder skips, Afwegingskader 2, the board's approval, threats (issue 21)
  | 'ESCALATION_RUNG_SKIPPED'
  | 'FRAMEWORK2_ASSESSED'
  | 'ESCALATION_REQUESTED'
  | 'ESCALATION_REQUEST_VIEWED'
  | 'ESCALATION_REQUEST_APPROVED'
  | 'ESCALATION_REQUEST_DECLINED'
  | 'ESCALATION_REQUEST_ACCESS_REFUSED'
  | 'ACUTE_SHARE_SHOWN_TO_BOARD'
  | 'THREAT_COMMS_ACTIONS_UPDATED'
  | 'THREAT_WORK_IMPACT_RECORDED'
  | 'CONSULTATION_DISCIPLINES_SET'
  | 'EXPERT_DISCIPLINES_ASSIGNED'
  | 'PROCEDURE_COMPLAINT_RECORDED'
  | 'PROCEDURE_COMPLAINT_CLOSED'
  | 'OMBUDS_WORK_VIEWED'
  | 'BOARD_ADVICE_GIVEN'
  | 'BOARD_ADVICE_ANSWERED'
  | 'EXTERNAL_SHARE_RECORDED'
  | 'REFERRAL_RECORDED'
  | 'REFERRAL_OUTCOME_RECORDED'
  | 'REFERRALS_VIEWED'
  | 'POLICE_REPORT_UPDATED'
  | 'POLICE_REPORT_VIEWED'
  | 'EVIDENCE_BUNDLE_CREATED'
  | 'THREAT_EVIDENCE_ADDED'
  | 'THREAT_LOG_VIEWED'
  | 'THREAT_LOG_ACCESS_REFUSED'
  | 'THREAT_SCREENSHOT_VIEWED'
  | 'THREAT_LOG_GRANTED'
  | 'THREAT_LOG_REVOKED'
  | 'THREAT_SUPPORT_UPDATED'
  | 'THREAT_SUPPORT_VIEWED'
  | 'THREAT_CHECKIN_RECORDED'
  | 'THREAT_CHECKIN_REMINDED'
  | 'CONSULTATION_CREATED'
  | 'CONSULTATION_SUMMARY_UPDATED'
  | 'CONSULTATION_FINDING_CONFIRMED'
  | 'CONSULTATION_PUBLISHED'
  | 'CONSULTATION_PUBLISH_REFUSED'
  | 'CONSULTATION_VIEWED'
  | 'CONSULTATION_ACCESS_REFUSED'
  | 'CONSULTATION_ADVICE_ADDED'
  | 'CONSULTATION_CLOSED'
  | 'MDO_MEETING_CREATED'
  | 'MDO_CASE_ADDED'
  | 'MDO_AGENDA_VIEWED'
  | 'MDO_DECISION_RECORDED'
  | 'MDO_CASE_ITEMS_VIEWED'
  | 'INSTITUTION_CREATED'
  | 'INSTITUTION_EXPORTED'
  | 'INSTITUTION_IMPORTED'
  | 'INSTITUTION_ERASED'
  | 'INSTITUTION_COLOUR_CHANGED'
  | 'INSTITUTION_SIGN_IN_CHANGED'
  | 'INSTITUTION_LOGO_CHANGED'
  | 'TEAM_CREATED'
  | 'USER_CREATED'
  | 'USER_SIGNED_IN'
  | 'USER_SIGN_IN_FAILED'
  | 'USER_SIGNED_OUT'
  | 'CASE_CREATED'
  | 'CASE_VIEWED'
  | 'CASE_ACCESS_REFUSED'
  | 'CASES_IMPORTED'
  | 'PARTNER_COUNTS_IMPORTED'
  | 'REPORT_GENERATED'
  | 'PARTNER_COUNT_REGISTERED'
  | 'REPORTER_SIGNED_IN'
  // case handling and deadlines (issue 4)
  | 'CASE_ASSIGNED'
  | 'CASE_CONFLICT_DECLARED'
  | 'CASE_STATUS_CHANGED'
  | 'CASE_STATUS_CHANGE_REFUSED'
  | 'CASE_CONTACT_ADDED'
  | 'CASE_TASK_ADDED'
  | 'CASE_TASK_COMPLETED'
  | 'CASE_LINKED'
  | 'CASE_GOAL_UPDATED'
  | 'CASE_ORG_UNIT_UPDATED'
  | 'CASE_SUPPORT_CASE_CREATED'
  | 'CASE_EXPORTED'
  | 'CASE_REMINDER_SENT'
  | 'REPORTER_SIGN_IN_FAILED'
  | 'MAILBOX_VIEWED'
  | 'CASE_MESSAGE_SENT'
  | 'CASE_MESSAGES_VIEWED'
  | 'CASE_ATTACHMENT_ADDED'
  | 'CASE_ATTACHMENT_DOWNLOADED'
  | 'CASE_MINUTES_ADDED'
  | 'CASE_MINUTES_APPROVED'
  | 'CASE_MINUTES_CORRECTION_REQUESTED'
  | 'REPORTER_IDENTITY_DISCLOSED'
  | 'NOTIFICATION_ADDRESS_SET'
  | 'NOTIFICATION_ADDRESS_REMOVED'
  | 'NOTIFICATION_SENT'
  | 'APPOINTMENT_REQUESTED'
  | 'APPOINTMENT_CONFIRMED'
  // administration and integration (issue 9)
  | 'TEAM_UPDATED'
  | 'ORG_UNIT_SAVED'
  | 'CATEGORY_VERSION_CREATED'
  | 'REFERRAL_PARTNER_SAVED'
  | 'GUIDE_CONTENT_UPDATED'
  | 'ADVISER_PROFILE_UPDATED'
  | 'USER_INVITED'
  | 'USER_INVITE_LINK_SHOWN'
  | 'USER_INVITATION_ACCEPTED'
  | 'USER_ROLES_CHANGED'
  | 'USER_DEACTIVATED'
  | 'API_TOKEN_CREATED'
  | 'API_TOKEN_REVOKED'
  | 'API_STATISTICS_READ'
  | 'API_CASES_LISTED'
  | 'API_ACCESS_REFUSED'
  // the integration API's case operations (issue 22): each names its token
  | 'API_CASE_READ'
  | 'API_CASE_REGISTERED'
  | 'API_MESSAGE_POSTED'
  | 'API_STATUS_CHANGED'
  | 'API_STATUS_CHANGE_REFUSED'
  | 'SSO_SIGN_IN_REFUSED'
  | 'SSO_IDENTITY_LINKED'
  | 'SSO_IDENTITY_LINK_REFUSED'
  | 'NEW_REPORT_NOTICE_SENT'
  | 'REPORTER_IDENTITY_VERIFIED'
  | 'BACKUP_CREATED'
  | 'BACKUP_RESTORED'
  | 'BACKUP_KEYS_EXPORTED'
  // consent, need-to-know, two-factor, keys, retention (issue 6)
  | 'CONSENT_GRANTED'
  | 'CONSENT_WITHDRAWN'
  | 'CONSENT_OVERRIDE_RECORDED'
  | 'SHARE_REFUSED'
  | 'IDENTITY_ACCESS_GRANTED'
  | 'IDENTITY_ACCESS_REVOKED'
  | 'IDENTITY_VIEWED'
  | 'TWO_FACTOR_ENROLLED'
  | 'TWO_FACTOR_FAILED'
  | 'USER_WEBAUTHN_REGISTERED'
  | 'USER_WEBAUTHN_VERIFIED'
  | 'USER_WEBAUTHN_REMOVED'
  | 'TWO_FACTOR_REQUIREMENT_CHANGED'
  | 'RECOVERY_CODE_USED'
  | 'SESSION_REVOKED'
  // account recovery: forgotten password, administrator's reset of the second factor
  | 'PASSWORD_RESET_REQUESTED'
  | 'USER_PASSWORD_RESET'
  | 'TWO_FACTOR_RESET'
  | 'MASTER_KEY_ROTATED'
  | 'AUDIT_TRAIL_VIEWED'
  | 'RETENTION_HOLD_CHANGED'
  | 'CASE_ERASED'
  | 'REPORTER_DATA_EXPORTED'
  // data-subject rights and the accused's information duty (issue 23)
  | 'RIGHTS_REQUEST_RECORDED'
  | 'RIGHTS_REQUEST_EXTENDED'
  | 'RIGHTS_REQUEST_DECIDED'
  | 'RIGHTS_REQUESTS_VIEWED'
  | 'CASE_NARRATIVE_CORRECTED'
  | 'ACCUSED_DATA_ERASED'
  | 'ACCUSED_INFORMATION_RECORDED'
  | 'RIGHTS_REMINDER_SENT'
  // repeated reports about the same person (issue 8)
  | 'ACCUSED_IDENTIFIERS_ADDED'
  | 'ACCUSED_IDENTIFIERS_VIEWED'
  | 'PATTERNS_VIEWED'
  | 'PATTERN_ESCROW_SET'
  | 'PATTERN_ESCROW_MATCHED'
  | 'PATTERN_ESCROW_DECIDED'
  | 'BLIND_INDEX_ROTATED'
  // the team's own work (issue 11)
  | 'PROTOCOL_VERSION_CREATED'
  | 'CASE_PROTOCOL_ATTACHED'
  | 'CASE_PROTOCOL_STEP_TICKED'
  | 'CASE_PROTOCOLS_VIEWED'
  | 'SAFETY_PLAN_SAVED'
  | 'SAFETY_PLAN_VIEWED'
  | 'SAFETY_PLAN_PRINTED'
  | 'CASE_MARKED_URGENT'
  | 'URGENT_ALERT_SENT'
  | 'URGENT_ALERT_ESCALATED'
  | 'URGENT_ALERT_ACKNOWLEDGED'
  | 'ON_CALL_ROTA_UPDATED'
  | 'TEAM_ACTIVITY_RECORDED'
  | 'TEAM_ACTIVITY_UPDATED'
  | 'OBJECTIVE_SAVED'
  | 'OBJECTIVE_CARRIED_OVER'
  // the operator's switch against a flood (decision 025)
  | 'INTAKE_GUARD_CHANGED'
  // the controller's duties (issue 23)
  | 'PRIVACY_STATEMENT_UPDATED'
  | 'PRIVACY_REGISTER_EXPORTED'
  | 'BREACH_RECORDED'
  | 'BREACH_UPDATED'
  | 'BREACH_VIEWED'
  | 'BREACH_REMINDER_SENT'
  // issue 21's remainder: meeting locations, the zorgoverleg's minutes, the ombudsperson's aggregates
  | 'MEETING_LOCATION_SAVED'
  | 'MDO_MINUTES_RECORDED'
  | 'OMBUDS_AGGREGATES_VIEWED';

export interface AuditActor {
  kind: 'user' | 'reporter' | 'system' | 'cli';
  userId?: string;
}

export interface AuditInput {
  type: AuditEventType;
  actor: AuditActor;
  teamId?: string | null;
  caseId?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

const GENESIS: Buffer = Buffer.alloc(32);
const CHAIN_LOCK = 7012027;

/**
 * Appends to the hash chain of the event's institution (issue 22): the institution of the
 * connection's context, else of the case or team; an event of neither (a sign-in, a backup)
 * joins the platform's chain. The transaction-scoped advisory lock (CHAIN_LOCK, the chain's key)
 * orders the writers of one chain only, so that each event's prev_hash is the hash of the event
 * before it in its chain while other institutions write alongside; call inside a transaction.
 */
export async function recordAudit(trx: Db, input: AuditInput): Promise<void> {
  const { rows } = await sql<{ institution_id: string | null }>`
    SELECT i.institution_id, pg_advisory_xact_lock(${CHAIN_LOCK}, hashtext(coalesce(i.institution_id::text, '')))
    FROM (SELECT coalesce(
      meldpunt_institution(),
      (SELECT institution_id FROM "case" WHERE id = ${input.caseId ?? null}::uuid),
      (SELECT institution_id FROM team WHERE id = ${input.teamId ?? null}::uuid)
    ) AS institution_id) i`.execute(trx);
  const institutionId = rows[0]?.institution_id ?? null;
  const last = await trx
    .selectFrom('audit_event')
    .select('hash')
    .where((eb) =>
      institutionId === null
        ? eb('institution_id', 'is', null)
        : eb('institution_id', '=', institutionId),
    )
    .where('chain_legacy', '=', false)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const occurredAt = new Date();
  const detail = canonicalJson(input.detail ?? {});
  const row = {
    occurred_at: occurredAt,
    type: input.type,
    actor_kind: input.actor.kind,
    actor_user_id: input.actor.userId ?? null,
    team_id: input.teamId ?? null,
    case_id: input.caseId ?? null,
    detail,
  };
  await trx
    .insertInto('audit_event')
    .values({
      ...row,
      institution_id: institutionId,
      prev_hash: prevHash,
      hash: chainHash(prevHash, row),
    })
    .execute();
}

interface ChainedFields {
  occurred_at: Date;
  type: string;
  actor_kind: string;
  actor_user_id: string | null;
  team_id: string | null;
  case_id: string | null;
  detail: string;
}

/** jsonb reorders keys, so the chain hashes details with sorted keys. */
function canonicalJson(detail: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(detail).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
}

function chainHash(prev: Buffer, row: ChainedFields): Buffer {
  const canonical = JSON.stringify([
    row.occurred_at.toISOString(),
    row.type,
    row.actor_kind,
    row.actor_user_id,
    row.team_id,
    row.case_id,
    row.detail,
  ]);
  return crypto.createHash('sha256').update(prev).update(canonical).digest();
}

/**
 * Walks the chains: the events written before chains were per institution as the one chain they
 * were written in, then each institution's chain and the platform's. Under an institution's
 * context (row-level security) that institution's chain only. Returns the id of the first event
 * that does not match, if any.
 */
export async function verifyAuditChain(
  db: Db,
): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
  const chains = await db
    .selectFrom('audit_event')
    .select('institution_id')
    .where('chain_legacy', '=', false)
    .distinct()
    .execute();
  const legacyVisible = currentInstitution() === undefined;
  let checked = 0;
  const walks: (string | null | 'legacy')[] = [
    ...(legacyVisible ? ['legacy' as const] : []),
    ...chains.map((c) => c.institution_id),
  ];
  for (const chain of walks) {
    const result = await verifyOneChain(db, chain);
    checked += result.checked;
    if (!result.ok) return { ok: false, checked, brokenAt: result.brokenAt };
  }
  return { ok: true, checked };
}

/** One chain: 'legacy', an institution's id, or null for the platform's. */
async function verifyOneChain(
  db: Db,
  chain: string | null | 'legacy',
): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
  let prev: Buffer = GENESIS;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('id', '>', afterId)
      .where((eb) =>
        chain === 'legacy'
          ? eb('chain_legacy', '=', true)
          : eb.and([
              eb('chain_legacy', '=', false),
              chain === null ? eb('institution_id', 'is', null) : eb('institution_id', '=', chain),
            ]),
      )
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const expected = chainHash(prev, { ...r, detail: canonicalJson(r.detail) });
      if (!r.prev_hash.equals(prev) || !r.hash.equals(expected))
        return { ok: false, checked, brokenAt: r.id };
      prev = r.hash;
      checked++;
      afterId = r.id;
    }
  }
}
