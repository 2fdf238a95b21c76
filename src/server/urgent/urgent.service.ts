import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { canAcknowledgeAlert, canEditRota } from './urgent.policy.js';
import { findAlert, listRotaCandidates } from './urgent.queries.js';

/**
 * Marks a case urgent (not life-threatening: for acute danger the pages say 112) and raises its
 * alert; call inside the transaction that registers or changes the case. The alert is sent by
 * sendDueUrgentNotices, at once by the caller after commit and else by the job.
 */
export async function markCaseUrgent(
  trx: Db,
  caseId: string,
  actor: AuditActor,
  now = new Date(),
): Promise<string | undefined> {
  const c = await trx
    .updateTable('case')
    .set({ is_urgent: true })
    .where('id', '=', caseId)
    .returning(['team_id'])
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  const alert = await trx
    .insertInto('urgent_alert')
    .values({ case_id: caseId, team_id: c.team_id, raised_at: now })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (alert)
    await recordAudit(trx, {
      type: 'CASE_MARKED_URGENT',
      actor,
      teamId: c.team_id,
      caseId,
      detail: { alertId: alert.id },
    });
  return alert?.id;
}

export async function acknowledgeAlert(
  trx: Db,
  user: SessionUser,
  alertId: string,
  now = new Date(),
): Promise<void> {
  const alert = await findAlert(trx, alertId);
  if (!alert || !canAcknowledgeAlert(user.memberships, alert.team_id))
    throw new AppError('NOT_FOUND');
  const row = await trx
    .updateTable('urgent_alert')
    .set({ acknowledged_at: now, acknowledged_by: user.id })
    .where('id', '=', alertId)
    .where('acknowledged_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (row) {
    const minutes = Math.round((now.getTime() - alert.raised_at.getTime()) / 60_000);
    await recordAudit(trx, {
      type: 'URGENT_ALERT_ACKNOWLEDGED',
      actor: { kind: 'user', userId: user.id },
      teamId: alert.team_id,
      caseId: alert.case_id,
      detail: { alertId, minutes },
    });
  }
}

/** Replaces the team's rota (user ids in order) and its escalation time. */
export async function saveRota(
  trx: Db,
  user: SessionUser,
  teamId: string,
  userIds: string[],
  escalationMinutes: number,
): Promise<void> {
  if (!canEditRota(user.memberships, teamId)) throw new AppError('FORBIDDEN');
  const allowed = new Set((await listRotaCandidates(trx, teamId)).map((c) => c.id));
  const ordered = [...new Set(userIds)].filter((id) => allowed.has(id));
  await trx.deleteFrom('on_call_slot').where('team_id', '=', teamId).execute();
  if (ordered.length)
    await trx
      .insertInto('on_call_slot')
      .values(ordered.map((id, i) => ({ team_id: teamId, user_id: id, position: i + 1 })))
      .execute();
  await trx
    .updateTable('team')
    .set({ urgent_escalation_minutes: escalationMinutes })
    .where('id', '=', teamId)
    .execute();
  await recordAudit(trx, {
    type: 'ON_CALL_ROTA_UPDATED',
    actor: { kind: 'user', userId: user.id },
    teamId,
    detail: { people: ordered.length, escalationMinutes },
  });
}
