import type { Db } from '../db/create-db.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import { SafetyPlanInput } from './safety-plan.schema.js';

/**
 * The safety plan of a case (domestic or honour-related violence), sealed with the case key as
 * one field. It is shown and printed for the reporter, and never sent by e-mail: no mail path
 * exists for it.
 */
const FIELD = 'safety-plan';

export async function saveSafetyPlan(
  trx: Db,
  work: StaffCaseContext,
  input: SafetyPlanInput,
): Promise<void> {
  const content = work.seal(JSON.stringify(input), FIELD);
  await trx
    .insertInto('safety_plan')
    .values({ case_id: work.id, content, updated_by: work.userId, updated_at: new Date() })
    .onConflict((oc) =>
      oc
        .column('case_id')
        .doUpdateSet({ content, updated_by: work.userId, updated_at: new Date() }),
    )
    .execute();
  await work.audit(trx, 'SAFETY_PLAN_SAVED', {});
}

/** The plan, opened; the read (or the print) is audited. */
export async function getSafetyPlan(db: Db, work: StaffCaseContext, purpose: 'view' | 'print') {
  const row = await db
    .selectFrom('safety_plan')
    .leftJoin('app_user', 'app_user.id', 'safety_plan.updated_by')
    .select(['safety_plan.content', 'safety_plan.updated_at', 'app_user.display_name'])
    .where('case_id', '=', work.id)
    .executeTakeFirst();
  await auditRead(db, work, purpose === 'print' ? 'SAFETY_PLAN_PRINTED' : 'SAFETY_PLAN_VIEWED', {
    exists: row !== undefined,
  });
  if (!row) return undefined;
  return {
    plan: SafetyPlanInput.parse(JSON.parse(work.openText(row.content, FIELD))),
    updatedAt: row.updated_at,
    updatedBy: row.display_name,
  };
}
export type SafetyPlanView = Awaited<ReturnType<typeof getSafetyPlan>>;
