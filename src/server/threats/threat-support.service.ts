import type { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { AppError } from '../http/errors.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import type { CheckinInput, SupportInput } from './threats.schema.js';

/** Grants the evidence log of this case to a staff member (by e-mail), e.g. a communications officer. */
export async function grantThreatLog(trx: Db, work: StaffCaseContext, email: string) {
  const user = await trx
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', email)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND');
  await trx
    .insertInto('threat_log_grant')
    .values({ case_id: work.id, user_id: user.id, granted_by: work.userId })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
  await work.audit(trx, 'THREAT_LOG_GRANTED', { userId: user.id });
}

export async function revokeThreatLog(trx: Db, work: StaffCaseContext, userId: string) {
  const row = await trx
    .deleteFrom('threat_log_grant')
    .where('case_id', '=', work.id)
    .where('user_id', '=', userId)
    .returning('user_id')
    .executeTakeFirst();
  if (row) await work.audit(trx, 'THREAT_LOG_REVOKED', { userId });
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Public statement of support, other employers of a multi-affiliated scientist, check-in rhythm. */
export async function updateThreatSupport(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof SupportInput>,
  today: string,
) {
  const values = {
    statement_status: input.statementStatus,
    statement_on: input.statementOn ?? null,
    other_employers: input.otherEmployers
      ? work.seal(input.otherEmployers, 'threat-other-employers')
      : null,
    checkin_every_weeks: input.checkinEveryWeeks ?? null,
    next_checkin_on: input.checkinEveryWeeks ? addDays(today, input.checkinEveryWeeks * 7) : null,
    updated_by: work.userId,
    updated_at: new Date(),
  };
  await trx
    .insertInto('threat_support')
    .values({ case_id: work.id, ...values })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
    .execute();
  await work.audit(trx, 'THREAT_SUPPORT_UPDATED', {
    statement: input.statementStatus,
    checkinEveryWeeks: input.checkinEveryWeeks ?? null,
  });
}

export async function recordThreatCheckin(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof CheckinInput>,
) {
  await trx
    .insertInto('threat_checkin')
    .values({
      case_id: work.id,
      occurred_on: input.occurredOn,
      note: work.seal(input.note, 'threat-checkin'),
      recorded_by: work.userId,
    })
    .execute();
  const support = await trx
    .selectFrom('threat_support')
    .select('checkin_every_weeks')
    .where('case_id', '=', work.id)
    .executeTakeFirst();
  if (support?.checkin_every_weeks) {
    await trx
      .updateTable('threat_support')
      .set({ next_checkin_on: addDays(input.occurredOn, support.checkin_every_weeks * 7) })
      .where('case_id', '=', work.id)
      .execute();
  }
  await work.audit(trx, 'THREAT_CHECKIN_RECORDED', { occurredOn: input.occurredOn });
}

export async function getThreatSupport(db: Db, work: StaffCaseContext) {
  const [support, checkins, grants] = await Promise.all([
    db.selectFrom('threat_support').selectAll().where('case_id', '=', work.id).executeTakeFirst(),
    db
      .selectFrom('threat_checkin')
      .selectAll()
      .where('case_id', '=', work.id)
      .orderBy('occurred_on', 'desc')
      .execute(),
    db
      .selectFrom('threat_log_grant')
      .innerJoin('app_user', 'app_user.id', 'threat_log_grant.user_id')
      .select(['app_user.id', 'app_user.display_name'])
      .where('case_id', '=', work.id)
      .execute(),
  ]);
  await auditRead(db, work, 'THREAT_SUPPORT_VIEWED');
  return {
    statementStatus: support?.statement_status ?? 'none',
    statementOn: support?.statement_on ?? null,
    otherEmployers: support
      ? work.openOptional(support.other_employers, 'threat-other-employers')
      : null,
    checkinEveryWeeks: support?.checkin_every_weeks ?? null,
    nextCheckinOn: support?.next_checkin_on ?? null,
    checkins: checkins.map((c) => ({
      occurredOn: c.occurred_on,
      note: work.openText(c.note, 'threat-checkin'),
    })),
    grants: grants.map((g) => ({ userId: g.id, name: g.display_name })),
  };
}
export type ThreatSupportView = Awaited<ReturnType<typeof getThreatSupport>>;
