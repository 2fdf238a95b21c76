import type { Selectable } from 'kysely';
import type { RightsRequest } from '../db/schema.js';
import type { SealedCase } from '../crypto/case-key.js';
import { daysLeft } from '../../domain/rights.js';

type Row = Selectable<RightsRequest>;

/** What a page may show of a request; free text only when the case's key still opens it. */
export function presentRequest(
  r: Row,
  sealer: SealedCase | undefined,
  today: string,
  opts: { withheld: boolean } = { withheld: true },
) {
  const open = (v: Buffer | null, field: string) =>
    v && sealer ? sealer.openRow(v, field, r.id).toString('utf8') : undefined;
  return {
    id: r.id,
    subject: r.subject,
    kind: r.kind,
    via: r.via,
    requestedOn: r.requested_on,
    dueOn: r.due_on,
    extended: r.extended,
    daysLeft: daysLeft(r.due_on, today),
    status: r.status,
    reason: r.reason,
    outcome: r.outcome,
    decidedAt: r.decided_at,
    details: open(r.details, 'rights-details'),
    decisionNote: open(r.decision_note, 'rights-decision-note'),
    disclosed: open(r.disclosed, 'rights-disclosed'),
    withheld: opts.withheld ? open(r.withheld, 'rights-withheld') : undefined,
  };
}
export type RightsRequestView = ReturnType<typeof presentRequest>;

/** The reporter's own view in the mailbox: what they asked, where it stands and the decision's ground. No staff notes. */
export function presentForReporter(r: Row, today: string) {
  return {
    id: r.id,
    kind: r.kind,
    requestedOn: r.requested_on,
    dueOn: r.due_on,
    status: r.status,
    reason: r.reason,
    daysLeft: daysLeft(r.due_on, today),
  };
}
export type ReporterRequestView = ReturnType<typeof presentForReporter>;
