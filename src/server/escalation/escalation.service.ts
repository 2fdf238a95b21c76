import type { z } from 'zod';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { canRecordStep, findExternalShareBasis, type EscalationStep } from '../../domain/external-sharing.js';
import { recordAcuteRiskOverride, recordShareRefused, requireConsent, type ShareRequest } from '../consent/consent.service.js';
import { listPartners } from '../admin/partners.service.js';
import { findLatestLevel } from '../risk/risk.queries.js';
import { auditRead, type CaseWork } from '../risk/case-work.js';
import type { ExternalShareInput, OutcomeInput, StepInput } from './escalation.schema.js';

export type EscalationMessage = 'escalation.error.horizontalFirst' | 'escalation.error.framework2' | 'escalation.error.partner';
/** The one rule error (http/rule-error.ts), under this feature's earlier name. */
import { RuleError as EscalationRuleError } from '../http/rule-error.js';
export { EscalationRuleError };

/** One rung of the ladder: who, why, when; the outcome follows later. */
export async function recordEscalationStep(trx: Db, work: CaseWork, input: z.infer<typeof StepInput>) {
  const earlier = await trx.selectFrom('escalation_step').select('step').where('case_id', '=', work.id).execute();
  const isAcute = (await findLatestLevel(trx, work.id)) === 'acute';
  if (!canRecordStep(input.step, earlier.map((e) => e.step as EscalationStep), isAcute)) throw new EscalationRuleError('step', 'escalation.error.horizontalFirst');
  const row = await trx
    .insertInto('escalation_step')
    .values({ case_id: work.id, step: input.step, occurred_on: input.occurredOn, who: work.seal(input.who, 'escalation-who'), why: work.seal(input.why, 'escalation-why'), recorded_by: work.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'ESCALATION_STEP_RECORDED', { stepId: row.id, step: input.step, occurredOn: input.occurredOn });
}

export async function recordEscalationOutcome(trx: Db, work: CaseWork, stepId: string, input: z.infer<typeof OutcomeInput>) {
  const row = await trx.updateTable('escalation_step').set({ outcome: work.seal(input.outcome, 'escalation-outcome') }).where('id', '=', stepId).where('case_id', '=', work.id).returning('id').executeTakeFirst();
  if (row) await work.audit(trx, 'ESCALATION_OUTCOME_RECORDED', { stepId });
}

/**
 * Shares case information outside the institution — ENFORCED: weighing framework 2 answered
 * yes three times and the board's consent recorded, or an acute-risk override with its reason
 * (recorded in the consent ledger); and in both cases the consent ledger must cover the share
 * (requireConsent throws CONSENT_REQUIRED otherwise). A refusal is audited as SHARE_REFUSED.
 */
export async function shareExternally(db: Db, keyring: Keyring, work: CaseWork, input: ExternalShareInput) {
  const request: ShareRequest = { info: input.info, recipient: { kind: 'partner', value: input.partner }, purpose: 'escalation' };
  const actor = { kind: 'user' as const, userId: work.userId };
  const partner = (await listPartners(db, work.teamId)).find((p) => p.key === input.partner && p.kind === 'external');
  if (!partner) throw new EscalationRuleError('partner', 'escalation.error.partner');
  const basis = findExternalShareBasis({ ...input, boardConsentOn: input.boardConsentOn ?? null, acuteReason: input.acuteReason ?? null });
  if (!basis) {
    await recordShareRefused(db, work.teamId, work.id, request, actor);
    throw new EscalationRuleError('allOptionsUsed', 'escalation.error.framework2');
  }
  try {
    return await db.transaction().execute(async (trx) => {
      if (basis === 'acute_override') await recordAcuteRiskOverride(trx, keyring, work, { ...request, reason: input.acuteReason! }, actor);
      const ledger = await requireConsent(trx, work.id, request);
      const row = await trx
        .insertInto('external_share')
        .values({
          case_id: work.id, partner_key: input.partner, info: input.info, basis,
          all_options_used: input.allOptionsUsed, consent_efforts_made: input.consentEffortsMade, necessary_for_risk: input.necessaryForRisk,
          board_consent_on: input.boardConsentOn ?? null,
          ledger_basis: ledger.basis, ledger_basis_id: ledger.basis === 'consent' ? ledger.grantId : ledger.overrideId,
          note: input.note ? work.seal(input.note, 'external-share-note') : null, shared_on: input.sharedOn, recorded_by: work.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await work.audit(trx, 'EXTERNAL_SHARE_RECORDED', { shareId: row.id, partner: input.partner, info: input.info, basis, ledgerBasis: ledger.basis });
      return { id: row.id, basis };
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'CONSENT_REQUIRED') await recordShareRefused(db, work.teamId, work.id, request, actor);
    throw err;
  }
}

/** The ladder and the external shares; the read is audited. */
export async function getEscalation(db: Db, work: CaseWork) {
  const [steps, shares] = await Promise.all([
    db.selectFrom('escalation_step').selectAll().where('case_id', '=', work.id).orderBy('occurred_on').orderBy('recorded_at').execute(),
    db.selectFrom('external_share').selectAll().where('case_id', '=', work.id).orderBy('recorded_at').execute(),
  ]);
  await auditRead(db, work, 'ESCALATION_VIEWED', { steps: steps.length, shares: shares.length });
  return {
    steps: steps.map((s) => ({ id: s.id, step: s.step, occurredOn: s.occurred_on, who: work.openText(s.who, 'escalation-who'), why: work.openText(s.why, 'escalation-why'), outcome: work.openOptional(s.outcome, 'escalation-outcome') })),
    shares: shares.map((s) => ({ partner: s.partner_key, info: s.info, basis: s.basis, boardConsentOn: s.board_consent_on, sharedOn: s.shared_on, note: work.openOptional(s.note, 'external-share-note') })),
  };
}
export type EscalationView = Awaited<ReturnType<typeof getEscalation>>;
