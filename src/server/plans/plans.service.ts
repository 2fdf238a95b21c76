import type { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import type { PlanAgreementInput, PlanStepInput } from './plans.schema.js';

/** Plan of action: steps with an owner and a due date, and the agreement with the reporter. */
export async function addPlanStep(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof PlanStepInput>,
) {
  const row = await trx
    .insertInto('plan_step')
    .values({
      case_id: work.id,
      action: work.seal(input.action, 'plan-action'),
      owner: work.seal(input.owner, 'plan-owner'),
      due_on: input.dueOn,
      created_by: work.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'PLAN_STEP_ADDED', { stepId: row.id, dueOn: input.dueOn });
}

export async function completePlanStep(
  trx: Db,
  work: StaffCaseContext,
  stepId: string,
): Promise<boolean> {
  const row = await trx
    .updateTable('plan_step')
    .set({ done_at: new Date() })
    .where('id', '=', stepId)
    .where('case_id', '=', work.id)
    .where('done_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (row) await work.audit(trx, 'PLAN_STEP_COMPLETED', { stepId });
  return row !== undefined;
}

export async function recordPlanAgreement(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof PlanAgreementInput>,
) {
  const row = await trx
    .insertInto('plan_agreement')
    .values({
      case_id: work.id,
      agreed_on: input.agreedOn,
      via: input.via,
      note: input.note ? work.seal(input.note, 'plan-agreement-note') : null,
      recorded_by: work.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'PLAN_AGREEMENT_RECORDED', {
    agreementId: row.id,
    via: input.via,
    agreedOn: input.agreedOn,
  });
}

/** The plan as the adviser sees it; the read is audited. */
export async function getPlan(db: Db, work: StaffCaseContext) {
  const [steps, agreements] = await Promise.all([
    db
      .selectFrom('plan_step')
      .selectAll()
      .where('case_id', '=', work.id)
      .orderBy('due_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('plan_agreement')
      .selectAll()
      .where('case_id', '=', work.id)
      .orderBy('recorded_at', 'desc')
      .execute(),
  ]);
  await auditRead(db, work, 'PLAN_VIEWED', { steps: steps.length });
  return {
    steps: steps.map((s) => ({
      id: s.id,
      action: work.openText(s.action, 'plan-action'),
      owner: work.openText(s.owner, 'plan-owner'),
      dueOn: s.due_on,
      isDone: s.done_at !== null,
    })),
    agreements: agreements.map((a) => ({
      agreedOn: a.agreed_on,
      via: a.via,
      note: work.openOptional(a.note, 'plan-agreement-note'),
    })),
  };
}
export type PlanView = Awaited<ReturnType<typeof getPlan>>;
