import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { CONSENT_INFO } from '../../domain/consent.js';
import { listPartners } from '../admin/partners.service.js';
import {
  recordShareRefused,
  requireConsent,
  type ShareRequest,
} from '../consent/consent.service.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import { isoDate, text } from '../http/schemas.js';

const choose = { error: 'validation.choose' } as const;
export const ReferralInput = z.object({
  partner: z.string().regex(/^[a-z0-9_-]{1,63}$/, choose),
  info: z.enum(CONSENT_INFO, choose),
  warmHandover: z.enum(['yes', 'no'], choose),
  referredOn: isoDate,
});
export const ReferralOutcomeInput = z.object({ outcome: text(2000) });

/** The one rule error (http/rule-error.ts), under this feature's earlier name. */
import { RuleError as ReferralRuleError } from '../http/rule-error.js';
export { ReferralRuleError };

/**
 * A referral to a partner of the team's directory (admin/partners.service): what was shared
 * under which consent — the consent ledger must cover it (requireConsent) — and whether it was
 * a warm handover. A refused share is audited.
 */
export async function recordReferral(
  db: Db,
  work: StaffCaseContext,
  input: z.infer<typeof ReferralInput>,
) {
  if (!(await listPartners(db, work.teamId)).some((p) => p.key === input.partner))
    throw new ReferralRuleError('partner', 'referrals.error.partner');
  const request: ShareRequest = {
    info: input.info,
    recipient: { kind: 'partner', value: input.partner },
    purpose: 'referral',
  };
  try {
    await db.transaction().execute(async (trx) => {
      const basis = await requireConsent(trx, work.id, request);
      const row = await trx
        .insertInto('referral')
        .values({
          case_id: work.id,
          partner_key: input.partner,
          info: input.info,
          ledger_basis: basis.basis,
          ledger_basis_id: basis.basis === 'consent' ? basis.grantId : basis.overrideId,
          is_warm_handover: input.warmHandover === 'yes',
          referred_on: input.referredOn,
          recorded_by: work.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await work.audit(trx, 'REFERRAL_RECORDED', {
        referralId: row.id,
        partner: input.partner,
        info: input.info,
        basis: basis.basis,
        warm: input.warmHandover === 'yes',
      });
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'CONSENT_REQUIRED')
      await recordShareRefused(db, work.teamId, work.id, request, {
        kind: 'user',
        userId: work.userId,
      });
    throw err;
  }
}

export async function recordReferralOutcome(
  trx: Db,
  work: StaffCaseContext,
  referralId: string,
  outcome: string,
) {
  const row = await trx
    .updateTable('referral')
    .set({ outcome: work.seal(outcome, 'referral-outcome') })
    .where('id', '=', referralId)
    .where('case_id', '=', work.id)
    .returning('id')
    .executeTakeFirst();
  if (row) await work.audit(trx, 'REFERRAL_OUTCOME_RECORDED', { referralId });
}

export async function listReferrals(db: Db, work: StaffCaseContext) {
  const rows = await db
    .selectFrom('referral')
    .selectAll()
    .where('case_id', '=', work.id)
    .orderBy('referred_on')
    .execute();
  await auditRead(db, work, 'REFERRALS_VIEWED', { referrals: rows.length });
  return rows.map((r) => ({
    id: r.id,
    partner: r.partner_key,
    info: r.info,
    basis: r.ledger_basis,
    isWarm: r.is_warm_handover,
    referredOn: r.referred_on,
    outcome: work.openOptional(r.outcome, 'referral-outcome'),
  }));
}
export type ReferralEntry = Awaited<ReturnType<typeof listReferrals>>[number];
