export { EscalationRuleError } from './ladder.rules.js';
import type { z } from 'zod';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import {
  blockingRung,
  findExternalShareBasis,
  ladderStates,
  rungOfStep,
} from '../../domain/external-sharing.js';
import {
  recordAcuteRiskOverride,
  recordShareRefused,
  requireConsent,
  type ShareRequest,
} from '../consent/consent.service.js';
import { listPartners } from '../admin/partners.service.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import { latestFramework2, loadLadderFacts } from './ladder.queries.js';
import { EscalationRuleError, requireLadderUpTo } from './ladder.rules.js';
import { findApprovedRequest, listCaseRequests } from './escalation-request.service.js';
import type {
  ExternalShareInput,
  Framework2Input,
  OutcomeInput,
  SkipInput,
  StepInput,
} from './escalation.schema.js';

/** One step: who (with whom), why, when; the outcome (what was concluded) follows later. */
export async function recordEscalationStep(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof StepInput>,
) {
  const rung = rungOfStep(input.step);
  if (rung) await requireLadderUpTo(trx, work.id, rung, 'step');
  const row = await trx
    .insertInto('escalation_step')
    .values({
      case_id: work.id,
      step: input.step,
      occurred_on: input.occurredOn,
      who: work.seal(input.who, 'escalation-who'),
      why: work.seal(input.why, 'escalation-why'),
      recorded_by: work.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'ESCALATION_STEP_RECORDED', {
    stepId: row.id,
    step: input.step,
    occurredOn: input.occurredOn,
  });
}

export async function recordEscalationOutcome(
  trx: Db,
  work: StaffCaseContext,
  stepId: string,
  input: z.infer<typeof OutcomeInput>,
) {
  const row = await trx
    .updateTable('escalation_step')
    .set({ outcome: work.seal(input.outcome, 'escalation-outcome') })
    .where('id', '=', stepId)
    .where('case_id', '=', work.id)
    .returning('id')
    .executeTakeFirst();
  if (row) await work.audit(trx, 'ESCALATION_OUTCOME_RECORDED', { stepId });
}

/** Skips a rung — in order, once, and never without a reason (the schema requires it). */
export async function skipRung(trx: Db, work: StaffCaseContext, input: z.infer<typeof SkipInput>) {
  const facts = await loadLadderFacts(trx, work.id);
  if (facts.done.has(input.rung) || facts.skipped.has(input.rung))
    throw new EscalationRuleError('rung', 'escalation.error.alreadyDone');
  const blocking = blockingRung(input.rung, facts);
  if (blocking) throw new EscalationRuleError('rung', 'escalation.error.order', blocking);
  await trx
    .insertInto('escalation_skip')
    .values({
      case_id: work.id,
      rung: input.rung,
      reason: work.seal(input.reason, 'escalation-skip'),
      recorded_by: work.userId,
    })
    .execute();
  await work.audit(trx, 'ESCALATION_RUNG_SKIPPED', { rung: input.rung });
}

/** Afwegingskader 2: all options used? everything done for consent? necessary to reduce the risk? */
export async function recordFramework2(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof Framework2Input>,
) {
  await requireLadderUpTo(trx, work.id, 'framework2', 'allOptionsUsed');
  await trx
    .insertInto('framework2_assessment')
    .values({
      case_id: work.id,
      all_options_used: input.allOptionsUsed,
      consent_efforts_made: input.consentEffortsMade,
      necessary_for_risk: input.necessaryForRisk,
      explanation: work.seal(input.explanation, 'framework2-explanation'),
      assessed_by: work.userId,
    })
    .execute();
  await work.audit(trx, 'FRAMEWORK2_ASSESSED', {
    allYes: input.allOptionsUsed && input.consentEffortsMade && input.necessaryForRisk,
  });
}

/**
 * Shares case information outside the institution — ENFORCED: the board approved exactly this
 * share (partner and information) on a request that carried Afwegingskader 2 answered yes three
 * times, or an acute-risk override with its reason (recorded in the consent ledger, shown to the
 * board afterwards); and in both cases the consent ledger must cover the share (requireConsent
 * throws CONSENT_REQUIRED otherwise). A refusal is audited as SHARE_REFUSED.
 */
export async function shareExternally(
  db: Db,
  keyring: Keyring,
  work: StaffCaseContext,
  input: ExternalShareInput,
) {
  const request: ShareRequest = {
    info: input.info,
    recipient: { kind: 'partner', value: input.partner },
    purpose: 'escalation',
  };
  const actor = { kind: 'user' as const, userId: work.userId };
  const partner = (await listPartners(db, work.teamId)).find(
    (p) => p.key === input.partner && p.kind === 'external',
  );
  if (!partner) throw new EscalationRuleError('partner', 'escalation.error.partner');
  const approved = input.acuteReason
    ? undefined
    : await findApprovedRequest(db, work.id, input.partner, input.info);
  const basis = findExternalShareBasis({
    allOptionsUsed: approved?.all_options_used ?? false,
    consentEffortsMade: approved?.consent_efforts_made ?? false,
    necessaryForRisk: approved?.necessary_for_risk ?? false,
    boardConsentOn: approved?.decided_at?.toISOString().slice(0, 10) ?? null,
    acuteReason: input.acuteReason ?? null,
  });
  if (!basis) {
    await recordShareRefused(db, work.teamId, work.id, request, actor);
    throw new EscalationRuleError('partner', 'escalation.error.notApproved');
  }
  try {
    return await db.transaction().execute(async (trx) => {
      if (basis === 'acute_override')
        await recordAcuteRiskOverride(
          trx,
          keyring,
          work,
          { ...request, reason: input.acuteReason! },
          actor,
        );
      const ledger = await requireConsent(trx, work.id, request);
      const row = await trx
        .insertInto('external_share')
        .values({
          case_id: work.id,
          partner_key: input.partner,
          info: input.info,
          basis,
          all_options_used: approved?.all_options_used ?? false,
          consent_efforts_made: approved?.consent_efforts_made ?? false,
          necessary_for_risk: approved?.necessary_for_risk ?? false,
          board_consent_on: approved?.decided_at?.toISOString().slice(0, 10) ?? null,
          escalation_request_id: approved?.id ?? null,
          ledger_basis: ledger.basis,
          ledger_basis_id: ledger.basis === 'consent' ? ledger.grantId : ledger.overrideId,
          note: input.note ? work.seal(input.note, 'external-share-note') : null,
          shared_on: input.sharedOn,
          recorded_by: work.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await work.audit(trx, 'EXTERNAL_SHARE_RECORDED', {
        shareId: row.id,
        partner: input.partner,
        info: input.info,
        basis,
        ledgerBasis: ledger.basis,
        requestId: approved?.id ?? null,
      });
      return { id: row.id, basis };
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'CONSENT_REQUIRED')
      await recordShareRefused(db, work.teamId, work.id, request, actor);
    throw err;
  }
}

/** The ladder (where the case stands), its steps and skips, Afwegingskader 2, the board requests, the shares; the read is audited. */
export async function getEscalation(db: Db, work: StaffCaseContext) {
  const [steps, shares, skips, f2, facts, requests] = await Promise.all([
    db
      .selectFrom('escalation_step')
      .selectAll()
      .where('case_id', '=', work.id)
      .orderBy('occurred_on')
      .orderBy('recorded_at')
      .execute(),
    db
      .selectFrom('external_share')
      .selectAll()
      .where('case_id', '=', work.id)
      .orderBy('recorded_at')
      .execute(),
    db
      .selectFrom('escalation_skip')
      .selectAll()
      .where('case_id', '=', work.id)
      .orderBy('recorded_at')
      .execute(),
    latestFramework2(db, work.id),
    loadLadderFacts(db, work.id),
    listCaseRequests(db, work),
  ]);
  await auditRead(db, work, 'ESCALATION_VIEWED', { steps: steps.length, shares: shares.length });
  return {
    ladder: ladderStates(facts),
    steps: steps.map((s) => ({
      id: s.id,
      step: s.step,
      occurredOn: s.occurred_on,
      who: work.openText(s.who, 'escalation-who'),
      why: work.openText(s.why, 'escalation-why'),
      outcome: work.openOptional(s.outcome, 'escalation-outcome'),
    })),
    skips: skips.map((s) => ({
      rung: s.rung,
      reason: work.openText(s.reason, 'escalation-skip'),
      on: s.recorded_at.toISOString().slice(0, 10),
    })),
    framework2: f2 && {
      allOptionsUsed: f2.all_options_used,
      consentEffortsMade: f2.consent_efforts_made,
      necessaryForRisk: f2.necessary_for_risk,
      explanation: work.openText(f2.explanation, 'framework2-explanation'),
      on: f2.assessed_at.toISOString().slice(0, 10),
    },
    requests,
    shares: shares.map((s) => ({
      partner: s.partner_key,
      info: s.info,
      basis: s.basis,
      boardConsentOn: s.board_consent_on,
      sharedOn: s.shared_on,
      note: work.openOptional(s.note, 'external-share-note'),
    })),
  };
}
export type EscalationView = Awaited<ReturnType<typeof getEscalation>>;
