import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { open, openText, seal } from '../crypto/seal.js';
import { caseAad, openInRow, sealInRow } from '../crypto/case-key.js';
import { recordAudit, type AuditEventType } from '../audit/audit.service.js';
import { loadCase } from '../cases/case-access.js';
import type { SessionUser } from '../users/users.service.js';

/**
 * A case as the issue-5 features (risk, plan, escalation, referrals, police, threats, expert
 * team, MDO) work on it: access checked by the case policy (open = read, handle = the assigned
 * adviser or the coordinator; refusals audited), with sealing bound to the case and an audit
 * helper that stamps actor, team and case.
 */
export interface CaseWork {
  id: string;
  teamId: string;
  reference: string;
  userId: string;
  seal(value: string | Buffer, field: string): Buffer;
  openText(sealed: Buffer, field: string): string;
  openOptional(sealed: Buffer | null, field: string): string | null;
  open(sealed: Buffer, field: string): Buffer;
  /** A field of one of the case's rows (a consultation, advice, an MDO item), bound to that row too. */
  sealRow(value: string | Buffer, field: string, rowId: string): Buffer;
  openRowText(sealed: Buffer, field: string, rowId: string): string;
  openRowOptional(sealed: Buffer | null, field: string, rowId: string): string | null;
  audit(
    trx: Db,
    type: AuditEventType,
    detail?: Record<string, string | number | boolean | null>,
  ): Promise<void>;
}

export async function loadCaseWork(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  need: 'open' | 'handle',
): Promise<CaseWork> {
  const { row, dataKey } = await loadCase(db, keyring, user, caseId, need);
  return bindCaseWork(
    { id: row.id, teamId: row.team_id, reference: row.reference },
    dataKey,
    user.id,
  );
}

export function bindCaseWork(
  c: { id: string; teamId: string; reference: string },
  dataKey: Buffer,
  userId: string,
): CaseWork {
  const aad = (field: string) => caseAad(c.id, field);
  return {
    ...c,
    userId,
    seal: (value, field) => seal(dataKey, value, aad(field)),
    openText: (sealed, field) => openText(dataKey, sealed, aad(field)),
    openOptional: (sealed, field) => (sealed ? openText(dataKey, sealed, aad(field)) : null),
    open: (sealed, field) => open(dataKey, sealed, aad(field)),
    sealRow: (value, field, rowId) => sealInRow(dataKey, c.id, field, rowId, value),
    openRowText: (sealed, field, rowId) =>
      openInRow(dataKey, c.id, field, rowId, sealed).toString('utf8'),
    openRowOptional: (sealed, field, rowId) =>
      sealed ? openInRow(dataKey, c.id, field, rowId, sealed).toString('utf8') : null,
    audit: (trx, type, detail) =>
      recordAudit(trx, {
        type,
        actor: { kind: 'user', userId },
        teamId: c.teamId,
        caseId: c.id,
        detail,
      }),
  };
}

/** Audits a read of case content in its own transaction. */
export async function auditRead(
  db: Db,
  work: CaseWork,
  type: AuditEventType,
  detail?: Record<string, string | number | boolean | null>,
) {
  await db.transaction().execute((trx) => work.audit(trx, type, detail));
}
