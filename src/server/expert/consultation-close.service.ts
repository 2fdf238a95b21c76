import type { Db } from '../db/create-db.js';
import { AppError } from '../http/errors.js';
import type { StaffCaseContext } from '../cases/case-context.js';
import type { SessionUser } from '../users/users.service.js';
import { canPublishConsultation } from './expert.policy.js';
import { findConsultationRow } from './expert.queries.js';

/**
 * The last step of a consultation: the coordinator closes it (a draft that is abandoned, or a
 * published one whose advice has come back). The expert team no longer sees it; its advice
 * stays on the case's consultation page.
 */
export async function closeConsultation(
  trx: Db,
  work: StaffCaseContext,
  user: SessionUser,
  consultationId: string,
) {
  if (!canPublishConsultation(user.memberships, work.teamId)) throw new AppError('FORBIDDEN');
  const row = await findConsultationRow(trx, consultationId);
  if (!row || row.case_id !== work.id) throw new AppError('NOT_FOUND');
  const closed = await trx
    .updateTable('expert_consultation')
    .set({ status: 'closed' })
    .where('id', '=', row.id)
    .where('status', 'in', ['draft', 'published'])
    .returning('id')
    .executeTakeFirst();
  if (closed) await work.audit(trx, 'CONSULTATION_CLOSED', { consultationId, from: row.status });
}
