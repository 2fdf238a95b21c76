import type { findCaseRow, listInboxRows } from './cases.queries.js';

/** What pages may show of a case: built from rows, never the rows themselves. */

export interface ReporterIdentity {
  name: string;
  contact: string;
}

type InboxRow = Awaited<ReturnType<typeof listInboxRows>>[number];
type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseRow>>>;

export function presentInboxRow(r: InboxRow) {
  return {
    id: r.id,
    reference: r.reference,
    receivedOn: r.received_on,
    category: r.category,
    status: r.status,
    isAnonymous: r.is_anonymous,
    isUrgent: r.is_urgent,
    ackDueOn: r.ack_due_on,
    adviserName: r.adviser_name,
  };
}
export type InboxEntry = ReturnType<typeof presentInboxRow>;

export function presentCase(r: CaseRow, narrative: string, reporter: ReporterIdentity | undefined) {
  return {
    id: r.id,
    reference: r.reference,
    receivedOn: r.received_on,
    status: r.status,
    channel: r.channel,
    via: r.via,
    category: r.category,
    subtype: r.subtype,
    location: r.location,
    reporterRole: r.reporter_role,
    accusedRole: r.accused_role,
    reporterGoal: r.reporter_goal,
    isAnonymous: r.is_anonymous,
    ackDueOn: r.ack_due_on,
    feedbackDueOn: r.feedback_due_on,
    adviserName: r.adviser_name,
    narrative,
    reporter,
  };
}
export type CaseView = ReturnType<typeof presentCase>;
