import type { Db } from '../db/create-db.js';
import { blockingRung, type Rung } from '../../domain/external-sharing.js';
import { loadLadderFacts } from './ladder.queries.js';

export type EscalationMessage =
  | 'escalation.error.order'
  | 'escalation.error.notApproved'
  | 'escalation.error.partner'
  | 'escalation.error.alreadyDone'
  | 'escalation.error.identifying';
export class EscalationRuleError extends Error {
  constructor(readonly field: string, readonly messageKey: EscalationMessage, readonly rung?: Rung) {
    super(messageKey);
  }
}

/** Refuses work on `rung` while an earlier rung is neither done nor skipped with a reason. */
export async function requireLadderUpTo(db: Db, caseId: string, rung: Rung, field: string) {
  const blocking = blockingRung(rung, await loadLadderFacts(db, caseId));
  if (blocking) throw new EscalationRuleError(field, 'escalation.error.order', blocking);
}

