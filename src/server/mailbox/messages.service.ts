import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { addAttachments } from '../attachments/attachments.service.js';
import type { CleanFile } from '../attachments/upload-rules.js';
import type { CaseSealer } from './case-key.js';

export interface MessageEntry {
  id: string;
  author: 'reporter' | 'adviser';
  body: string;
  createdAt: Date;
}

/** A message with its files, in one transaction: nothing partial is stored. */
export async function sendMessage(
  db: Db,
  sealer: CaseSealer,
  input: { author: 'reporter' | 'adviser'; authorUserId?: string; body: string; files: CleanFile[] },
): Promise<string> {
  const actor: AuditActor = input.author === 'adviser' ? { kind: 'user', userId: input.authorUserId } : { kind: 'reporter' };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('case_message')
      .values({ case_id: sealer.caseId, author: input.author, author_user_id: input.authorUserId ?? null, body: sealer.seal(input.body, 'message') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addAttachments(trx, sealer, input.files, { uploadedBy: input.author, messageId: row.id, actor });
    await recordAudit(trx, { type: 'CASE_MESSAGE_SENT', actor, teamId: sealer.teamId, caseId: sealer.caseId, detail: { messageId: row.id, author: input.author, files: input.files.length } });
    return row.id;
  });
}

/** Every message of the case, oldest first; the read is audited. */
export async function listMessages(db: Db, sealer: CaseSealer, actor: AuditActor): Promise<MessageEntry[]> {
  const rows = await db.selectFrom('case_message').select(['id', 'author', 'body', 'created_at']).where('case_id', '=', sealer.caseId).orderBy('created_at').orderBy('id').execute();
  await db.transaction().execute((trx) =>
    recordAudit(trx, { type: 'CASE_MESSAGES_VIEWED', actor, teamId: sealer.teamId, caseId: sealer.caseId, detail: { count: rows.length } }),
  );
  return rows.map((r) => ({ id: r.id, author: r.author, body: sealer.openText(r.body, 'message'), createdAt: r.created_at }));
}
