import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { COMMS_ACTIONS } from '../../domain/threat-norm.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import { text } from '../http/schemas.js';

const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const CommsInput = z.object({
  actions: z.preprocess(list, z.array(z.enum(COMMS_ACTIONS, { error: 'validation.choose' }))),
});
export const ImpactInput = z.object({
  impact: text(2000),
  temporaryContract: z.enum(['yes', 'no'], { error: 'validation.choose' }),
});

/** The communications action list: the ticked items are done (since the day first ticked), the others not. */
export async function updateCommsActions(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof CommsInput>,
  today: string,
) {
  const done = [...new Set(input.actions)];
  let remove = trx.deleteFrom('threat_comms_action').where('case_id', '=', work.id);
  if (done.length > 0) remove = remove.where('action', 'not in', done);
  await remove.execute();
  if (done.length > 0) {
    await trx
      .insertInto('threat_comms_action')
      .values(
        done.map((action) => ({ case_id: work.id, action, done_on: today, done_by: work.userId })),
      )
      .onConflict((oc) => oc.columns(['case_id', 'action']).doNothing())
      .execute();
  }
  await work.audit(trx, 'THREAT_COMMS_ACTIONS_UPDATED', { done: done.join(',') });
}

/** What the threats do to the work, and whether a temporary contract makes the employee more vulnerable. */
export async function recordWorkImpact(
  trx: Db,
  work: StaffCaseContext,
  input: z.infer<typeof ImpactInput>,
) {
  const values = {
    impact: work.seal(input.impact, 'threat-work-impact'),
    temporary_contract: input.temporaryContract === 'yes',
    updated_by: work.userId,
    updated_at: new Date(),
  };
  await trx
    .insertInto('threat_work_impact')
    .values({ case_id: work.id, ...values })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
    .execute();
  await work.audit(trx, 'THREAT_WORK_IMPACT_RECORDED', {
    temporaryContract: values.temporary_contract,
  });
}

export async function getCommsAndImpact(db: Db, work: StaffCaseContext) {
  const [actions, impact, kase] = await Promise.all([
    db
      .selectFrom('threat_comms_action')
      .select(['action', 'done_on'])
      .where('case_id', '=', work.id)
      .execute(),
    db
      .selectFrom('threat_work_impact')
      .selectAll()
      .where('case_id', '=', work.id)
      .executeTakeFirst(),
    db
      .selectFrom('case')
      .select(['category', 'reporter_role'])
      .where('id', '=', work.id)
      .executeTakeFirstOrThrow(),
  ]);
  await auditRead(db, work, 'THREAT_SUPPORT_VIEWED', { part: 'comms_impact' });
  return {
    category: kase.category,
    reporterRole: kase.reporter_role,
    actions: Object.fromEntries(actions.map((a) => [a.action, a.done_on])) as Record<
      string,
      string
    >,
    impact: impact
      ? {
          text: work.openText(impact.impact, 'threat-work-impact'),
          temporaryContract: impact.temporary_contract,
          on: impact.updated_at.toISOString().slice(0, 10),
        }
      : null,
  };
}
export type CommsImpactView = Awaited<ReturnType<typeof getCommsAndImpact>>;
