import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { seal } from '../crypto/seal.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { nextCheckinAfter, nextDueOn } from '../deadlines/deadline-rules.js';
import type { SessionUser } from '../users/users.service.js';
import { aad, loadCase } from './case-access.js';
import { findCaseByReference } from './case-record.queries.js';
import { CaseRuleError } from './case-rule-error.js';
import type {
  ContactInput,
  GoalInput,
  LinkInput,
  OrgUnitInput,
  TaskInput,
} from './case-record.schema.js';
import { listOrgUnits } from '../admin/org-units.service.js';

const actorOf = (user: SessionUser) => ({ kind: 'user' as const, userId: user.id });

/**
 * Logs a contact on the timeline (participants and notes sealed). The first contact
 * acknowledges the report; a contact marked as feedback meets the feedback deadline; in
 * aftercare, the next check-in is scheduled from this contact.
 */
export async function addContact(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: ContactInput,
  today: string,
) {
  const { row, dataKey } = await loadCase(db, keyring, user, caseId, 'handle');
  // A contact that has not happened yet would acknowledge the report or meet a deadline early (issue 19).
  if (input.occurredOn > today) throw new CaseRuleError('occurredOn', 'validation.date');
  const id = crypto.randomUUID();
  const acknowledgedOn = row.acknowledged_on ?? input.occurredOn;
  const feedbackGivenOn = row.feedback_given_on ?? (input.isFeedback ? input.occurredOn : null);
  const due = nextDueOn({
    status: row.status,
    ackDueOn: row.ack_due_on,
    acknowledgedOn,
    feedbackDueOn: row.feedback_due_on,
    feedbackGivenOn,
  });
  const checkin =
    row.status === 'aftercare' && row.aftercare_every_weeks
      ? nextCheckinAfter(input.occurredOn, row.aftercare_every_weeks, today)
      : row.next_checkin_on;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_contact')
      .values({
        id,
        case_id: caseId,
        occurred_on: input.occurredOn,
        channel: input.contactChannel,
        participants: seal(dataKey, input.participants, aad(caseId, `contact:${id}:participants`)),
        notes: seal(dataKey, input.notes, aad(caseId, `contact:${id}:notes`)),
        is_feedback: input.isFeedback,
        recorded_by: user.id,
      })
      .execute();
    await trx
      .updateTable('case')
      .set({
        acknowledged_on: acknowledgedOn,
        feedback_given_on: feedbackGivenOn,
        next_due_on: due,
        next_checkin_on: checkin,
        updated_at: new Date(),
      })
      .where('id', '=', caseId)
      .execute();
    await recordAudit(trx, {
      type: 'CASE_CONTACT_ADDED',
      actor: actorOf(user),
      teamId: row.team_id,
      caseId,
      detail: { contactId: id, channel: input.contactChannel, feedback: input.isFeedback },
    });
  });
  return id;
}

export async function addTask(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: TaskInput,
) {
  const { row, dataKey } = await loadCase(db, keyring, user, caseId, 'handle');
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_task')
      .values({
        id,
        case_id: caseId,
        title: seal(dataKey, input.title, aad(caseId, `task:${id}:title`)),
        due_on: input.dueOn,
        created_by: user.id,
      })
      .execute();
    await recordAudit(trx, {
      type: 'CASE_TASK_ADDED',
      actor: actorOf(user),
      teamId: row.team_id,
      caseId,
      detail: { taskId: id, dueOn: input.dueOn },
    });
  });
  return id;
}

export async function completeTask(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  taskId: string,
) {
  const { row } = await loadCase(db, keyring, user, caseId, 'handle');
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('case_task')
      .set({ done_at: new Date() })
      .where('id', '=', taskId)
      .where('case_id', '=', caseId)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new AppError('NOT_FOUND');
    await recordAudit(trx, {
      type: 'CASE_TASK_COMPLETED',
      actor: actorOf(user),
      teamId: row.team_id,
      caseId,
      detail: { taskId },
    });
  });
}

/** Links two cases of the same team (for example the same accused); the user must be allowed to open both. */
export async function linkCase(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: LinkInput,
) {
  const { row } = await loadCase(db, keyring, user, caseId, 'handle');
  const other = await findCaseByReference(db, row.team_id, input.reference);
  if (!other || other.id === caseId) throw new CaseRuleError('reference', 'cases.link.notFound');
  await loadCase(db, keyring, user, other.id, 'open');
  const [a, b] = caseId < other.id ? [caseId, other.id] : [other.id, caseId];
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('case_link')
      .values({ case_id: a, linked_case_id: b, created_by: user.id })
      .onConflict((oc) => oc.columns(['case_id', 'linked_case_id']).doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (inserted)
      await recordAudit(trx, {
        type: 'CASE_LINKED',
        actor: actorOf(user),
        teamId: row.team_id,
        caseId,
        detail: { linkedCaseId: other.id },
      });
  });
}

export async function updateReporterGoal(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: GoalInput,
) {
  const { row } = await loadCase(db, keyring, user, caseId, 'handle');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('case')
      .set({ reporter_goal: input.goal, updated_at: new Date() })
      .where('id', '=', caseId)
      .execute();
    await recordAudit(trx, {
      type: 'CASE_GOAL_UPDATED',
      actor: actorOf(user),
      teamId: row.team_id,
      caseId,
      detail: { from: row.reporter_goal, to: input.goal },
    });
  });
}

/**
 * Sets or clears the faculty or unit of a case (issue 19): one of the team's organisation
 * units, the taxonomy the intake asks and the annual report counts by. Audited with both keys.
 */
export async function updateOrgUnit(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: OrgUnitInput,
) {
  const { row } = await loadCase(db, keyring, user, caseId, 'handle');
  const to = input.orgUnit ?? null;
  if (to && !(await listOrgUnits(db, row.team_id)).some((u) => u.key === to))
    throw new CaseRuleError('orgUnit', 'validation.choose');
  if (to === row.org_unit_key) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('case')
      .set({ org_unit_key: to, updated_at: new Date() })
      .where('id', '=', caseId)
      .execute();
    await recordAudit(trx, {
      type: 'CASE_ORG_UNIT_UPDATED',
      actor: actorOf(user),
      teamId: row.team_id,
      caseId,
      detail: { from: row.org_unit_key, to },
    });
  });
}
