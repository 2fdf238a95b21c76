import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { CleanFile } from './upload-rules.js';

/**
 * What files need of a case: its ids and row-bound sealing under its key (the case context of
 * cases/case-context.ts gives it; declared here so that attachments/ imports nothing of cases/).
 */
export interface CaseFiles {
  id: string;
  teamId: string;
  sealRow(value: string | Buffer, field: string, rowId: string): Buffer;
  openRow(sealed: Buffer, field: string, rowId: string): Buffer;
}

export interface AttachmentEntry {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: 'reporter' | 'adviser';
  messageId: string | null;
  /** A document on the case record, added by staff: never shown to the reporter. */
  staffOnly: boolean;
  createdAt: Date;
}

/** Stores cleaned files sealed with the case key; call inside the transaction of the change. */
export async function addAttachments(
  trx: Db,
  sealer: CaseFiles,
  files: CleanFile[],
  by: {
    uploadedBy: 'reporter' | 'adviser';
    messageId?: string;
    actor: AuditActor;
    staffOnly?: boolean;
  },
): Promise<void> {
  for (const file of files) {
    const id = crypto.randomUUID(); // known before the insert: the sealed name and content are bound to their row
    const row = await trx
      .insertInto('case_attachment')
      .values({
        id,
        case_id: sealer.id,
        message_id: by.messageId ?? null,
        uploaded_by: by.uploadedBy,
        media_type: file.mediaType,
        size_bytes: file.content.length,
        file_name: sealer.sealRow(file.name, 'attachment-name', id),
        content: sealer.sealRow(file.content, 'attachment', id),
        staff_only: by.staffOnly ?? false,
        uploaded_by_user_id: by.actor.kind === 'user' ? (by.actor.userId ?? null) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      type: 'CASE_ATTACHMENT_ADDED',
      actor: by.actor,
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: {
        attachmentId: row.id,
        mediaType: file.mediaType,
        bytes: file.content.length,
        ...(by.staffOnly ? { staffOnly: true } : {}),
      },
    });
  }
}

/** The case's files; staff-only documents of the case record only when asked for (never for the reporter). */
export async function listAttachments(
  db: Db,
  sealer: CaseFiles,
  opts: { includeStaffOnly?: boolean } = {},
): Promise<AttachmentEntry[]> {
  let q = db
    .selectFrom('case_attachment')
    .select([
      'id',
      'file_name',
      'media_type',
      'size_bytes',
      'uploaded_by',
      'message_id',
      'staff_only',
      'created_at',
    ])
    .where('case_id', '=', sealer.id);
  if (!opts.includeStaffOnly) q = q.where('staff_only', '=', false);
  const rows = await q.orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    name: sealer.openRow(r.file_name, 'attachment-name', r.id).toString('utf8'),
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    uploadedBy: r.uploaded_by,
    messageId: r.message_id,
    staffOnly: r.staff_only,
    createdAt: r.created_at,
  }));
}

/** One file's content for download; the read is audited. The reporter never gets a staff-only document. */
export async function getAttachmentContent(
  db: Db,
  sealer: CaseFiles,
  attachmentId: string,
  actor: AuditActor,
) {
  const row = /^[0-9a-f-]{36}$/.test(attachmentId)
    ? await db
        .selectFrom('case_attachment')
        .selectAll()
        .where('id', '=', attachmentId)
        .where('case_id', '=', sealer.id)
        .executeTakeFirst()
    : undefined;
  if (!row || (row.staff_only && actor.kind !== 'user')) throw new AppError('NOT_FOUND');
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'CASE_ATTACHMENT_DOWNLOADED',
      actor,
      teamId: sealer.teamId,
      caseId: sealer.id,
      detail: { attachmentId },
    }),
  );
  return {
    name: sealer.openRow(row.file_name, 'attachment-name', row.id).toString('utf8'),
    mediaType: row.media_type,
    content: sealer.openRow(row.content, 'attachment', row.id),
  };
}
