import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { AppError } from '../http/errors.js';
import { detectPii, listUnresolved, type PiiFinding } from '../../domain/pii-detector.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import type { SessionUser } from '../users/users.service.js';
import { canPublishConsultation } from './expert.policy.js';
import {
  findConsultationRow,
  listAdviceRows,
  listCaseConsultationRows,
  listPartyIdentities,
} from './expert.queries.js';
import {
  findShareBasis,
  recordShareRefused,
  type ShareRequest,
} from '../consent/consent.service.js';
import { mayConsultWithoutConsent } from '../../domain/anonymous-consultation.js';

/** The one rule error (http/rule-error.ts), under this feature's earlier name. */
import { RuleError as ConsultationRuleError } from '../http/rule-error.js';
export { ConsultationRuleError };

/** Names of the case's parties (reporter, accused, intermediary), for the detector. */
export async function knownNames(db: Db, work: StaffCaseContext): Promise<string[]> {
  const names: string[] = [];
  for (const p of await listPartyIdentities(db, work.id)) {
    const identity = JSON.parse(work.openText(p.identity, `party:${p.party}`)) as Record<
      string,
      unknown
    >;
    for (const [k, v] of Object.entries(identity))
      if (/name/i.test(k) && typeof v === 'string' && v.trim()) names.push(v.trim());
  }
  return names;
}

export async function createConsultation(
  trx: Db,
  work: StaffCaseContext,
  user: SessionUser,
  summary: string,
) {
  if (!canPublishConsultation(user.memberships, work.teamId)) throw new AppError('FORBIDDEN');
  const id = crypto.randomUUID(); // known before the insert: the sealed fields are bound to their row
  const row = await trx
    .insertInto('expert_consultation')
    .values({
      id,
      case_id: work.id,
      team_id: work.teamId,
      summary: work.sealRow(summary, 'consultation-summary', id),
      confirmed: work.sealRow('[]', 'consultation-confirmed', id),
      created_by: work.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'CONSULTATION_CREATED', { consultationId: row.id });
  return row.id;
}

async function getOwnRow(db: Db, work: StaffCaseContext, consultationId: string) {
  const row = await findConsultationRow(db, consultationId);
  if (!row || row.case_id !== work.id) throw new AppError('NOT_FOUND');
  return row;
}

/** The adviser rewrites the summary; confirmations of findings no longer in the text fall away by themselves. */
export async function updateSummary(
  trx: Db,
  work: StaffCaseContext,
  consultationId: string,
  summary: string,
) {
  const row = await getOwnRow(trx, work, consultationId);
  if (row.status !== 'draft') throw new AppError('FORBIDDEN');
  await trx
    .updateTable('expert_consultation')
    .set({ summary: work.sealRow(summary, 'consultation-summary', row.id) })
    .where('id', '=', row.id)
    .execute();
  await work.audit(trx, 'CONSULTATION_SUMMARY_UPDATED', { consultationId });
}

/** Confirms one finding as harmless (it stays in the text). */
export async function confirmFinding(
  trx: Db,
  work: StaffCaseContext,
  consultationId: string,
  key: string,
) {
  const row = await getOwnRow(trx, work, consultationId);
  const confirmed = JSON.parse(
    work.openRowText(row.confirmed, 'consultation-confirmed', row.id),
  ) as string[];
  if (!confirmed.includes(key)) confirmed.push(key);
  await trx
    .updateTable('expert_consultation')
    .set({ confirmed: work.sealRow(JSON.stringify(confirmed), 'consultation-confirmed', row.id) })
    .where('id', '=', row.id)
    .execute();
  await work.audit(trx, 'CONSULTATION_FINDING_CONFIRMED', {
    consultationId,
    kind: key.split(':')[0] ?? '',
  });
}

/** The share that publishing makes: the anonymised summary, to the expert team, for a consultation. */
export const EXPERT_SHARE: ShareRequest = {
  info: 'anonymised_summary',
  recipient: { kind: 'role', value: 'expert_team_member' },
  purpose: 'expert_consultation',
};

/**
 * Publishing to the expert team: refused while any finding of the detector is unresolved, and
 * without the reporter's consent to the consultation (or an acute-risk override) in the ledger —
 * unless nothing identifies the reporter: no finding at all and the adviser confirms it (issue 21).
 */
export async function publishConsultation(
  db: Db,
  work: StaffCaseContext,
  user: SessionUser,
  consultationId: string,
  opts: { nothingIdentifies: boolean } = { nothingIdentifies: false },
) {
  if (!canPublishConsultation(user.memberships, work.teamId)) throw new AppError('FORBIDDEN');
  const row = await getOwnRow(db, work, consultationId);
  const findings = await currentFindings(db, work, row);
  if (findings.unresolved.length > 0) {
    await db.transaction().execute((trx) =>
      work.audit(trx, 'CONSULTATION_PUBLISH_REFUSED', {
        consultationId,
        unresolved: findings.unresolved.length,
      }),
    );
    throw new ConsultationRuleError('summary', 'expert.error.unresolved');
  }
  const anonymous = mayConsultWithoutConsent(findings.findings.length, opts.nothingIdentifies);
  const published = await db.transaction().execute(async (trx) => {
    const basis = anonymous ? undefined : await findShareBasis(trx, work.id, EXPERT_SHARE); // the consent ledger (requireConsent's rule)
    if (!anonymous && !basis) return false;
    await trx
      .updateTable('expert_consultation')
      .set({ status: 'published', published_at: new Date() })
      .where('id', '=', row.id)
      .where('status', '=', 'draft')
      .execute();
    const basisId = !basis ? null : basis.basis === 'consent' ? basis.grantId : basis.overrideId;
    await work.audit(trx, 'CONSULTATION_PUBLISHED', {
      consultationId,
      basis: basis?.basis ?? 'anonymous_nothing_identifies',
      basisId,
    });
    return true;
  });
  if (!published) {
    await recordShareRefused(db, work.teamId, work.id, EXPERT_SHARE, {
      kind: 'user',
      userId: work.userId,
    });
    throw new ConsultationRuleError('summary', 'consent.required');
  }
}

async function currentFindings(
  db: Db,
  work: StaffCaseContext,
  row: { id: string; summary: Buffer; confirmed: Buffer },
) {
  const summary = work.openRowText(row.summary, 'consultation-summary', row.id);
  const confirmed = JSON.parse(
    work.openRowText(row.confirmed, 'consultation-confirmed', row.id),
  ) as string[];
  const findings: PiiFinding[] = detectPii(summary, await knownNames(db, work));
  return { summary, findings, confirmed, unresolved: listUnresolved(findings, confirmed) };
}

/** The consultation as the case's adviser sees it: summary, findings, advice; the read is audited. */
export async function getConsultationForCase(
  db: Db,
  work: StaffCaseContext,
  consultationId: string,
) {
  const row = await getOwnRow(db, work, consultationId);
  const f = await currentFindings(db, work, row);
  const advice = await listAdviceRows(db, row.id);
  await auditRead(db, work, 'CONSULTATION_VIEWED', { consultationId });
  return {
    id: row.id,
    status: row.status,
    summary: f.summary,
    unresolvedKeys: f.unresolved.map((x) => x.key),
    findings: f.findings.map((x) => ({ ...x, isConfirmed: f.confirmed.includes(x.key) })),
    advice: advice.map((a) => ({
      author: a.author,
      at: a.created_at,
      text: work.openRowText(a.advice, 'consultation-advice', a.id),
    })),
  };
}
export type CaseConsultationView = Awaited<ReturnType<typeof getConsultationForCase>>;

export async function listCaseConsultations(db: Db, work: StaffCaseContext) {
  return listCaseConsultationRows(db, work.id);
}
