import crypto from 'node:crypto';
import type { Updateable } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Case as CaseTable } from '../db/schema.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { checkTransition, type TransitionError } from '../../domain/case-status.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { addDays, nextDueOn } from '../deadlines/deadline-rules.js';
import type { SessionUser } from '../users/users.service.js';
import { loadCaseContext, type CaseContext } from './case-context.js';
import { CaseRuleError } from './case-rule-error.js';

export interface StatusChange {
  to: string;
  reason?: string;
  followUp?: string;
  closedOn?: string;
  aftercareWeeks?: number;
}

const ERROR_FIELD: Record<TransitionError, [string, MessageKey]> = {
  unknown_status: ['to', 'cases.status.error.notAllowed'],
  not_allowed: ['to', 'cases.status.error.notAllowed'],
  reason_required: ['reason', 'cases.status.error.reasonRequired'],
  follow_up_required: ['followUp', 'cases.status.error.followUpRequired'],
  closed_on_required: ['closedOn', 'cases.status.error.closedOnRequired'],
  closed_on_before_received: ['closedOn', 'cases.status.error.closedOnBeforeReceived'],
  closed_on_in_future: ['closedOn', 'cases.status.error.closedOnInFuture'],
};

export const DEFAULT_AFTERCARE_WEEKS = 4;

/**
 * Moves a case through the status machine (src/domain/case-status.ts, the one definition).
 * A refused change is audited and explained; closing records the follow-up code and closing
 * date the annual report counts; aftercare schedules check-ins; reopening clears both.
 */
export async function changeCaseStatus(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  input: StatusChange,
  today: string,
) {
  const loaded = await loadCaseContext(db, keyring, caseId, { kind: 'user', user, need: 'handle' });
  await applyStatusChange(db, loaded, input, today, {
    actor: { kind: 'user', userId: user.id },
    userId: user.id,
  });
}

/** Who changes a status: a staff member, or a team's integration (an API token). */
export type StatusChanger =
  | { actor: AuditActor; userId: string; tokenId?: undefined }
  | { actor: AuditActor; userId?: undefined; tokenId: string };

/**
 * The status change itself, for a case the caller has loaded under its own access rule (the
 * staff member's `handle` need, or an API token's team and scope).
 */
export async function applyStatusChange(
  db: Db,
  loaded: Pick<CaseContext, 'row' | 'seal'>,
  input: StatusChange,
  today: string,
  by: StatusChanger,
) {
  const { row } = loaded;
  const caseId = row.id;
  const reason = input.reason?.trim() || undefined;
  const check = checkTransition({
    from: row.status,
    to: input.to,
    reason,
    followUp: input.followUp,
    closedOn: input.closedOn,
    receivedOn: row.received_on,
    today,
  });
  const actor = by.actor;
  if (!check.ok) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'CASE_STATUS_CHANGE_REFUSED',
        actor,
        teamId: row.team_id,
        caseId,
        detail: { from: row.status, to: input.to.slice(0, 40), error: check.error },
      }),
    );
    const [field, key] = ERROR_FIELD[check.error];
    throw new CaseRuleError(field, key);
  }
  const set: Updateable<CaseTable> = { status: check.to, updated_at: new Date() };
  if (check.to === 'closed') {
    Object.assign(set, {
      follow_up: input.followUp,
      closed_on: input.closedOn,
      next_due_on: null,
      next_checkin_on: null,
    });
  } else {
    const weeks = input.aftercareWeeks ?? row.aftercare_every_weeks ?? DEFAULT_AFTERCARE_WEEKS;
    Object.assign(set, {
      follow_up: null,
      closed_on: null,
      next_due_on: nextDueOn({
        status: check.to,
        ackDueOn: row.ack_due_on,
        acknowledgedOn: row.acknowledged_on,
        feedbackDueOn: row.feedback_due_on,
        feedbackGivenOn: row.feedback_given_on,
      }),
      aftercare_every_weeks: check.to === 'aftercare' ? weeks : row.aftercare_every_weeks,
      next_checkin_on: check.to === 'aftercare' ? addDays(today, weeks * 7) : null,
    });
  }
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    // Compare-and-set: a change made meanwhile by someone else makes this one stale.
    const updated = await trx
      .updateTable('case')
      .set(set)
      .where('id', '=', caseId)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new CaseRuleError('to', 'cases.status.error.stale');
    await trx
      .insertInto('case_status_change')
      .values({
        id,
        case_id: caseId,
        from_status: row.status,
        to_status: check.to,
        changed_by: by.userId ?? null,
        changed_by_token: by.tokenId ?? null,
        reason: reason ? loaded.seal(reason, `status:${id}:reason`) : null,
      })
      .execute();
    await recordAudit(trx, {
      type: 'CASE_STATUS_CHANGED',
      actor,
      teamId: row.team_id,
      caseId,
      detail: {
        from: row.status,
        to: check.to,
        reopened: check.isReopen,
        followUp: check.to === 'closed' ? (input.followUp ?? null) : null,
        closedOn: check.to === 'closed' ? (input.closedOn ?? null) : null,
      },
    });
  });
}
