import type { Db } from '../db/create-db.js';
import { openDeadlineKind } from '../deadlines/deadline-rules.js';
import type { CaseView } from './cases.presenter.js';
import {
  listConsentMarks,
  listMdoDecisionMarks,
  listMessageMarks,
  listReferralMarks,
  listRiskMarks,
  listUserNames,
} from './case-timeline.queries.js';
import { listPartners } from '../admin/partners.service.js';

/** The kinds of entries in a case's timeline, and the filter names of the case page (issue 19). */
export const TIMELINE_FILTERS = ['contacts', 'messages', 'status', 'risk', 'sharing'] as const;
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];

export type TimelineEntry =
  | { kind: 'received'; at: Date; filter: 'status'; channel: string }
  | {
      kind: 'contact';
      at: Date;
      filter: 'contacts';
      channel: string;
      participants: string;
      notes: string;
      isFeedback: boolean;
      by: string;
    }
  | { kind: 'message'; at: Date; filter: 'messages'; fromReporter: boolean }
  | {
      kind: 'status';
      at: Date;
      filter: 'status';
      from: string;
      to: string;
      reason: string | null;
      by: string;
    }
  | { kind: 'assignment'; at: Date; filter: 'status'; adviser: string; reason: string | null }
  | { kind: 'risk'; at: Date; filter: 'risk'; level: string; by: string }
  | {
      kind: 'consent';
      at: Date;
      filter: 'sharing';
      info: string;
      recipientKind: string;
      recipient: string;
      purpose: string;
    }
  | {
      kind: 'consentWithdrawn';
      at: Date;
      filter: 'sharing';
      info: string;
      recipientKind: string;
      recipient: string;
      purpose: string;
    }
  | {
      kind: 'referral';
      at: Date;
      filter: 'sharing';
      partner: { nl: string; en: string };
      isWarmHandover: boolean;
    }
  | { kind: 'mdoDecision'; at: Date; filter: 'risk'; heldOn: string };

export interface CaseOverview {
  nextDeadline:
    { kind: 'ack' | 'feedback' | 'checkin'; on: string; isOverdue: boolean } | undefined;
  risk: { level: string; assessedAt: Date; reassessOn: string | null } | undefined;
  consents: { active: number; withdrawn: number };
  openTasks: { count: number; nextDueOn: string | undefined; isOverdue: boolean };
  timeline: TimelineEntry[];
  /** Names of the people and partners the consents name, by their stored key. */
  names: { person: Map<string, string>; partner: Map<string, { nl: string; en: string }> };
}

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

/**
 * What the case page's summary and timeline show beside the record openCase decrypted: the
 * next deadline, the last risk level, the consent state, and one chronological list of what
 * happened (metadata of messages, assessments and shares; their content stays on their pages).
 */
export async function buildCaseOverview(
  db: Db,
  view: CaseView,
  today: string,
): Promise<CaseOverview> {
  const [risks, consents, messages, referrals, partners, mdoDecisions] = await Promise.all([
    listRiskMarks(db, view.id),
    listConsentMarks(db, view.id),
    listMessageMarks(db, view.id),
    listReferralMarks(db, view.id),
    listPartners(db, view.teamId, { includeInactive: true }),
    listMdoDecisionMarks(db, view.id),
  ]);
  const partnerNames = new Map(partners.map((p) => [p.key, p.name]));
  const deadlineKind = openDeadlineKind(view);
  const deadlineOn =
    deadlineKind === 'ack'
      ? view.ackDueOn
      : deadlineKind === 'feedback'
        ? view.feedbackDueOn
        : view.nextCheckinOn;
  const kind =
    deadlineKind ?? (view.nextCheckinOn && view.status !== 'closed' ? 'checkin' : undefined);
  const open = view.tasks.filter((task) => !task.isDone);
  const last = risks.at(-1);
  const timeline: TimelineEntry[] = [
    { kind: 'received', at: day(view.receivedOn), filter: 'status', channel: view.channel },
    ...view.contacts.map((c) => ({
      kind: 'contact' as const,
      at: day(c.occurredOn),
      filter: 'contacts' as const,
      channel: c.channel,
      participants: c.participants,
      notes: c.notes,
      isFeedback: c.isFeedback,
      by: c.recordedBy,
    })),
    ...messages.map((m) => ({
      kind: 'message' as const,
      at: m.created_at,
      filter: 'messages' as const,
      fromReporter: m.author === 'reporter',
    })),
    ...view.history.map((h) => ({
      kind: 'status' as const,
      at: h.at,
      filter: 'status' as const,
      from: h.from,
      to: h.to,
      reason: h.reason,
      by: h.by,
    })),
    ...view.assignments.map((a) => ({
      kind: 'assignment' as const,
      at: a.at,
      filter: 'status' as const,
      adviser: a.adviserName,
      reason: a.reason,
    })),
    ...risks.map((r) => ({
      kind: 'risk' as const,
      at: r.assessed_at,
      filter: 'risk' as const,
      level: r.level,
      by: r.assessor,
    })),
    ...consents.flatMap((g) => {
      const share = {
        info: g.info,
        recipientKind: g.recipient_kind,
        recipient: g.recipient,
        purpose: g.purpose,
      };
      return [
        { kind: 'consent' as const, at: g.granted_at, filter: 'sharing' as const, ...share },
        ...(g.withdrawn_at
          ? [
              {
                kind: 'consentWithdrawn' as const,
                at: g.withdrawn_at,
                filter: 'sharing' as const,
                ...share,
              },
            ]
          : []),
      ];
    }),
    ...referrals.map((r) => ({
      kind: 'referral' as const,
      at: day(r.referred_on),
      filter: 'sharing' as const,
      partner: partnerNames.get(r.partner_key) ?? { nl: r.partner_key, en: r.partner_key },
      isWarmHandover: r.is_warm_handover,
    })),
    ...mdoDecisions.map((d) => ({
      kind: 'mdoDecision' as const,
      at: d.decided_at!,
      filter: 'risk' as const,
      heldOn: d.held_on,
    })),
  ];
  timeline.sort((a, b) => b.at.getTime() - a.at.getTime());
  const people = await listUserNames(
    db,
    consents.filter((g) => g.recipient_kind === 'person').map((g) => g.recipient),
  );
  const names = {
    person: new Map(people.map((p) => [p.id, p.display_name])),
    partner: partnerNames,
  };
  return {
    nextDeadline:
      kind && deadlineOn ? { kind, on: deadlineOn, isOverdue: deadlineOn < today } : undefined,
    risk: last
      ? { level: last.level, assessedAt: last.assessed_at, reassessOn: last.reassess_on }
      : undefined,
    consents: {
      active: consents.filter((g) => !g.withdrawn_at).length,
      withdrawn: consents.filter((g) => g.withdrawn_at).length,
    },
    openTasks: {
      count: open.length,
      nextDueOn: open[0]?.dueOn,
      isOverdue: open.some((task) => task.dueOn < today),
    },
    timeline,
    names,
  };
}
