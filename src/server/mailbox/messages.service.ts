import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { addAttachments } from '../attachments/attachments.service.js';
import type { CleanFile } from '../attachments/upload-rules.js';
import type { SealedCase } from '../crypto/case-key.js';

/** Who wrote a message: the reporter, an adviser, or the reporting point itself (automatic notices). */
export type MessageAuthor = 'reporter' | 'adviser' | 'system';

export interface MessageEntry {
  id: string;
  author: MessageAuthor;
  body: string;
  createdAt: Date;
}

export type MessageInput =
  | {
      author: 'reporter' | 'adviser';
      authorUserId?: string;
      body: string;
      files: CleanFile[];
      /** Who acted, when not the author user (a team's integration posting as its advisers). */
      actor?: AuditActor;
    }
  | { author: 'system'; body: string; files?: [] };

function actorOf(input: MessageInput): AuditActor {
  if (input.author !== 'system' && input.actor) return input.actor;
  if (input.author === 'adviser') return { kind: 'user', userId: input.authorUserId };
  return input.author === 'system' ? { kind: 'system' } : { kind: 'reporter' };
}

/** Inserts a message with its files and its audit event; call inside a transaction. */
export async function insertMessage(
  trx: Db,
  sealer: SealedCase,
  input: MessageInput,
): Promise<string> {
  const actor = actorOf(input);
  const row = await trx
    .insertInto('case_message')
    .values({
      case_id: sealer.id,
      author: input.author,
      author_user_id: input.author === 'adviser' ? (input.authorUserId ?? null) : null,
      body: sealer.seal(input.body, 'message'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const files = input.author === 'system' ? [] : input.files;
  if (input.author !== 'system')
    await addAttachments(trx, sealer, files, {
      uploadedBy: input.author,
      messageId: row.id,
      actor,
    });
  await recordAudit(trx, {
    type: 'CASE_MESSAGE_SENT',
    actor,
    teamId: sealer.teamId,
    caseId: sealer.id,
    detail: { messageId: row.id, author: input.author, files: files.length },
  });
  return row.id;
}

/** A message with its files, in one transaction: nothing partial is stored. */
export async function sendMessage(
  db: Db,
  sealer: SealedCase,
  input: MessageInput,
): Promise<string> {
  return db.transaction().execute((trx) => insertMessage(trx, sealer, input));
}

/** Every message of the case, oldest first; the read is audited. */
export async function listMessages(
  db: Db,
  sealer: SealedCase,
  actor: AuditActor,
): Promise<MessageEntry[]> {
  const rows = await db
    .selectFrom('case_message')
    .select(['id', 'author', 'body', 'created_at'])
    .where('case_id', '=', sealer.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'CASE_MESSAGES_VIEWED',
      actor,
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: { count: rows.length },
    }),
  );
  return rows.map((r) => ({
    id: r.id,
    author: r.author,
    body: sealer.openText(r.body, 'message'),
    createdAt: r.created_at,
  }));
}
