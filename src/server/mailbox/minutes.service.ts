import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SealedCase } from '../crypto/case-key.js';

export interface MinutesEntry {
  id: string;
  conversationOn: string;
  body: string;
  status: 'pending' | 'approved' | 'correction_requested';
  correction?: string;
  respondedAt: Date | null;
}

/** The adviser writes the minutes of a conversation; the reporter approves or corrects them. */
export async function addMinutes(
  db: Db,
  sealer: SealedCase,
  userId: string,
  input: { conversationOn: string; body: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('case_minutes')
      .values({
        case_id: sealer.id,
        author_user_id: userId,
        conversation_on: input.conversationOn,
        body: sealer.seal(input.body, 'minutes'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      type: 'CASE_MINUTES_ADDED',
      actor: { kind: 'user', userId },
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: { minutesId: row.id },
    });
    return row.id;
  });
}

export async function listMinutes(db: Db, sealer: SealedCase): Promise<MinutesEntry[]> {
  const rows = await db
    .selectFrom('case_minutes')
    .selectAll()
    .where('case_id', '=', sealer.id)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    conversationOn: r.conversation_on,
    body: sealer.openText(r.body, 'minutes'),
    status: r.status,
    correction: r.correction ? sealer.openText(r.correction, 'minutes-correction') : undefined,
    respondedAt: r.responded_at,
  }));
}

/** Approve, or ask for a correction with the reporter's own words. Only pending minutes. */
export async function respondToMinutes(
  db: Db,
  sealer: SealedCase,
  minutesId: string,
  response: { approve: true } | { approve: false; correction: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('case_minutes')
      .set({
        status: response.approve ? 'approved' : 'correction_requested',
        correction: response.approve
          ? null
          : sealer.seal(response.correction, 'minutes-correction'),
        responded_at: new Date(),
      })
      .where('id', '=', minutesId)
      .where('case_id', '=', sealer.id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('NOT_FOUND');
    await recordAudit(trx, {
      type: response.approve ? 'CASE_MINUTES_APPROVED' : 'CASE_MINUTES_CORRECTION_REQUESTED',
      actor: { kind: 'reporter' },
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: { minutesId },
    });
  });
}
