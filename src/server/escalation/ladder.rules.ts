import type { Db } from '../db/create-db.js';
import { blockingRung, type Rung } from '../../domain/external-sharing.js';
import { loadLadderFacts } from './ladder.queries.js';
import { RuleError as EscalationRuleError } from '../http/rule-error.js';

export type EscalationMessage =
  | 'escalation.error.order'
  | 'escalation.error.notApproved'
  | 'escalation.error.partner'
  | 'escalation.error.alreadyDone'
  | 'escalation.error.identifying';
/** The one rule error (http/rule-error.ts), under this feature's earlier name; `detail` names the blocking rung. */
export { RuleError as EscalationRuleError } from '../http/rule-error.js';

/** Refuses work on `rung` while an earlier rung is neither done nor skipped with a reason. */
export async function requireLadderUpTo(db: Db, caseId: string, rung: Rung, field: string) {
  const blocking = blockingRung(rung, await loadLadderFacts(db, caseId));
  if (blocking)
    throw new EscalationRuleError(
      field,
      'escalation.error.order' satisfies EscalationMessage,
      blocking,
    );
}
