import type { listInboxRows, CaseRow } from './cases.queries.js';
import type { CaseDocument } from './case-documents.service.js';
import type { CategoryDefinition } from '../../domain/taxonomy.js';

/** What pages may show of a case: built from rows, never the rows themselves. */

export interface ReporterIdentity {
  name: string;
  contact: string;
  /** Set when the reporter verified name and e-mail through the institution's sign-in (issue 9). */
  verifiedBy?: 'oidc' | 'saml';
}

type InboxRow = Awaited<ReturnType<typeof listInboxRows>>[number];

export function presentInboxRow(r: InboxRow, today: string) {
  return {
    id: r.id,
    reference: r.reference,
    receivedOn: r.received_on,
    category: r.category,
    status: r.status,
    isAnonymous: r.is_anonymous,
    isUrgent: r.is_urgent && r.status !== 'closed',
    needsAttention: r.needs_attention === true,
    isSupportCase: r.support_for_case_id !== null,
    isDormant: r.is_dormant === true,
    ackDueOn: r.ack_due_on,
    nextDueOn: r.next_due_on,
    isOverdue: r.next_due_on !== null && r.next_due_on < today,
    adviserName: r.adviser_name,
  };
}
export type InboxEntry = ReturnType<typeof presentInboxRow>;

export interface CaseRecord {
  contacts: {
    id: string;
    occurredOn: string;
    channel: string;
    participants: string;
    notes: string;
    isFeedback: boolean;
    recordedBy: string;
  }[];
  tasks: { id: string; title: string; dueOn: string; isDone: boolean }[];
  links: { id: string; reference: string; status: string }[];
  history: { from: string; to: string; reason: string | null; at: Date; by: string }[];
  assignments: { adviserName: string; reason: string | null; at: Date }[];
  supportCase: { id: string; reference: string } | undefined;
  supportFor: { id: string; reference: string } | undefined;
  /** File names and kinds only; contents are downloaded one by one (audited). */
  documents: CaseDocument[];
  /** The category as the team worded it when the case was created (versioned categories, issue 9). */
  categoryAsCreated: CategoryDefinition | undefined;
  /** When it happened, as the reporter answered in the intake (opened from its sealed column). */
  happened: string | null;
  /** Who brought the report in for someone else, as registered; only for those who may see identities. */
  intermediary: string | undefined;
}

export function presentCase(
  r: CaseRow,
  narrative: string,
  reporter: ReporterIdentity | undefined,
  record: CaseRecord,
) {
  return {
    id: r.id,
    teamId: r.team_id,
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
    isUrgent: r.is_urgent,
    orgUnitKey: r.org_unit_key,
    ackDueOn: r.ack_due_on,
    acknowledgedOn: r.acknowledged_on,
    feedbackDueOn: r.feedback_due_on,
    feedbackGivenOn: r.feedback_given_on,
    nextDueOn: r.next_due_on,
    followUp: r.follow_up,
    closedOn: r.closed_on,
    aftercareEveryWeeks: r.aftercare_every_weeks,
    nextCheckinOn: r.next_checkin_on,
    assignedAdviserId: r.assigned_adviser_id,
    preferredAdviserId: r.preferred_adviser_id,
    preferredChannel: r.preferred_channel,
    behalf: r.behalf,
    adviserName: r.adviser_name,
    narrative,
    reporter,
    ...record,
  };
}
export type CaseView = ReturnType<typeof presentCase>;
