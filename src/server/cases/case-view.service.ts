import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import type { SessionUser } from '../users/users.service.js';
import type { CaseContext, StaffCaseContext } from './case-context.js';
import { canSeeIdentity } from '../access/identity.service.js';
import { findParty } from './cases.queries.js';
import {
  findSupportCase,
  listAssignmentRows,
  listContactRows,
  listLinkedCaseRows,
  listStatusChangeRows,
  listTaskRows,
} from './case-record.queries.js';
import { presentCase, type CaseRecord, type ReporterIdentity } from './cases.presenter.js';
import { listCaseDocuments } from './case-documents.service.js';
import { findCategoryAt } from '../admin/categories.service.js';

/**
 * Opens a loaded case (case-context.ts: policy checked, refusals audited) for a staff member:
 * decrypts the record and audits the read.
 */
export async function openCase(db: Db, loaded: StaffCaseContext, user: SessionUser) {
  const view = await readCaseRecord(db, loaded);
  // Identities only for the assigned adviser, the coordinator, and those granted access (issue 6).
  const showIdentity = await canSeeIdentity(db, user, {
    id: loaded.row.id,
    teamId: loaded.row.team_id,
    assignedAdviserId: loaded.row.assigned_adviser_id,
  });
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      type: 'CASE_VIEWED',
      actor: { kind: 'user', userId: user.id },
      teamId: loaded.row.team_id,
      caseId: loaded.row.id,
    });
    if (showIdentity && view.reporter) {
      await recordAudit(trx, {
        type: 'IDENTITY_VIEWED',
        actor: { kind: 'user', userId: user.id },
        teamId: loaded.row.team_id,
        caseId: loaded.row.id,
      });
    }
  });
  return showIdentity ? view : { ...view, reporter: undefined, intermediary: undefined };
}

/** Decrypts everything of a case record; the caller audits the read. */
export async function readCaseRecord(db: Db, loaded: CaseContext) {
  const { row } = loaded;
  const open = (sealed: Buffer, field: string) => loaded.openText(sealed, field);
  const party = await findParty(db, row.id, 'reporter');
  const narrative = row.summary ? open(row.summary, 'summary') : '';
  const reporter = party
    ? (JSON.parse(open(party.identity, 'party:reporter')) as ReporterIdentity)
    : undefined;
  // Whoever brought the report in for someone else (registration, issue 19 shows it on the case).
  const broughtBy = await findParty(db, row.id, 'intermediary');
  const intermediary = broughtBy
    ? (JSON.parse(open(broughtBy.identity, 'party:intermediary')) as { name: string }).name
    : undefined;
  const [contacts, tasks, links, history, assignments, supportCase, documents, categoryAsCreated] =
    await Promise.all([
      listContactRows(db, row.id),
      listTaskRows(db, row.id),
      listLinkedCaseRows(db, row.id),
      listStatusChangeRows(db, row.id),
      listAssignmentRows(db, row.id),
      findSupportCase(db, row.id),
      listCaseDocuments(db, loaded),
      findCategoryAt(db, row.team_id, row.category, row.created_at),
    ]);
  const supportFor = row.support_for_case_id
    ? await db
        .selectFrom('case')
        .select(['id', 'reference'])
        .where('id', '=', row.support_for_case_id)
        .executeTakeFirst()
    : undefined;
  const record: CaseRecord = {
    contacts: contacts.map((c) => ({
      id: c.id,
      occurredOn: c.occurred_on,
      channel: c.channel,
      participants: open(c.participants, `contact:${c.id}:participants`),
      notes: open(c.notes, `contact:${c.id}:notes`),
      isFeedback: c.is_feedback,
      recordedBy: c.recorded_by_name,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: open(t.title, `task:${t.id}:title`),
      dueOn: t.due_on,
      isDone: t.done_at !== null,
    })),
    links,
    history: history.map((h) => ({
      from: h.from_status,
      to: h.to_status,
      reason: h.reason ? open(h.reason, `status:${h.id}:reason`) : null,
      at: h.changed_at,
      // A change made by an integration (issue 22) names its API token.
      by: h.changed_by_name ?? `API: ${h.changed_by_token_name ?? ''}`,
    })),
    assignments: assignments.map((a) => ({
      adviserName: a.adviser_name,
      reason: a.reason ? open(a.reason, `assignment:${a.id}:reason`) : null,
      at: a.assigned_at,
    })),
    supportCase,
    supportFor,
    documents,
    categoryAsCreated,
    happened: row.happened ? open(row.happened, 'happened') : null,
    intermediary,
  };
  return presentCase(row, narrative, reporter, record);
}
