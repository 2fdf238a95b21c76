import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { detectPii } from '../../domain/pii-detector.js';
import { listPartners } from '../admin/partners.service.js';
import { knownNames } from '../expert/consultation.service.js';
import type { StaffCaseContext } from '../cases/case-context.js';
import { EscalationRuleError, requireLadderUpTo } from './ladder.rules.js';
import { latestFramework2 } from './ladder.queries.js';
import type { RequestInput } from './escalation.schema.js';

/**
 * The coordinator asks the board: what and why (anonymised — refused while the detector finds a
 * name, an e-mail address, a phone number or a date of birth), the proposed share, and
 * Afwegingskader 2's answers as last recorded (all three yes: the ladder requires it).
 */
export async function createEscalationRequest(db: Db, work: StaffCaseContext, input: RequestInput) {
  await requireLadderUpTo(db, work.id, 'board', 'requestWhat');
  if (
    !(await listPartners(db, work.teamId)).some(
      (p) => p.key === input.proposedPartner && p.kind === 'external',
    )
  )
    throw new EscalationRuleError('proposedPartner', 'escalation.error.partner');
  const names = await knownNames(db, work);
  if (detectPii(`${input.requestWhat}\n${input.requestWhy}`, names).length > 0)
    throw new EscalationRuleError('requestWhat', 'escalation.error.identifying');
  const f2 = (await latestFramework2(db, work.id))!; // present: requireLadderUpTo('board') passed framework2
  const id = crypto.randomUUID(); // known before the insert: the sealed fields are bound to their row
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('escalation_request')
      .values({
        id,
        case_id: work.id,
        team_id: work.teamId,
        what: work.sealRow(input.requestWhat, 'request-what', id),
        why: work.sealRow(input.requestWhy, 'request-why', id),
        partner_key: input.proposedPartner,
        info: input.proposedInfo,
        all_options_used: f2.all_options_used,
        consent_efforts_made: f2.consent_efforts_made,
        necessary_for_risk: f2.necessary_for_risk,
        requested_by: work.userId,
      })
      .execute();
    await work.audit(trx, 'ESCALATION_REQUESTED', {
      requestId: id,
      partner: input.proposedPartner,
      info: input.proposedInfo,
    });
  });
  return id;
}

export function findApprovedRequest(db: Db, caseId: string, partner: string, info: string) {
  return db
    .selectFrom('escalation_request')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('partner_key', '=', partner)
    .where('info', '=', info)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The case's requests with the board's answers, for the case's handlers. */
export async function listCaseRequests(db: Db, work: StaffCaseContext) {
  const rows = await db
    .selectFrom('escalation_request')
    .selectAll()
    .where('case_id', '=', work.id)
    .orderBy('requested_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partner: r.partner_key,
    info: r.info,
    status: r.status,
    requestedOn: r.requested_at.toISOString().slice(0, 10),
    what: work.openRowText(r.what, 'request-what', r.id),
    why: work.openRowText(r.why, 'request-why', r.id),
    decidedOn: r.decided_at?.toISOString().slice(0, 10) ?? null,
    reason: work.openRowOptional(r.decision_reason, 'request-decision', r.id),
  }));
}
