import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import type { AuditActor } from '../audit/audit.service.js';
import { loadCaseContext, type CaseContext } from '../cases/case-context.js';
import { listMessages } from '../mailbox/messages.service.js';
import { listMinutes } from '../mailbox/minutes.service.js';
import { listAttachments } from '../attachments/attachments.service.js';

/**
 * The correspondence and conversation record of a case for the reporter's access request:
 * messages (both ways), the attachments as a list (name, type, size, who, when — the files
 * themselves the reporter has or fetches in the mailbox), the minutes with their approval, the
 * contacts (conversations) with their notes, and the notification address if one is kept.
 */
export async function exportCorrespondence(
  db: Db,
  keyring: Keyring,
  caseId: string,
  actor: AuditActor,
) {
  const sealer = await loadCaseContext(db, keyring, caseId, { kind: 'system' });
  const messages = await listMessages(db, sealer, actor);
  const attachments = await listAttachments(db, sealer, { includeStaffOnly: true });
  const minutes = await listMinutes(db, sealer);
  return {
    messages: messages.map((m) => ({ at: m.createdAt, from: m.author, text: m.body })),
    attachments: attachments.map((a) => ({
      name: a.name,
      mediaType: a.mediaType,
      sizeBytes: a.sizeBytes,
      from: a.uploadedBy,
      staffOnly: a.staffOnly,
      at: a.createdAt,
    })),
    minutes: minutes.map((m) => ({
      conversationOn: m.conversationOn,
      text: m.body,
      status: m.status,
      correction: m.correction ?? null,
      respondedAt: m.respondedAt,
    })),
    contacts: await exportContacts(db, sealer),
    notificationEmail: await exportNotificationAddress(db, sealer),
  };
}

async function exportContacts(db: Db, sealer: CaseContext) {
  const rows = await db
    .selectFrom('case_contact')
    .select(['id', 'occurred_on', 'channel', 'participants', 'notes', 'is_feedback'])
    .where('case_id', '=', sealer.id)
    .orderBy('occurred_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    occurredOn: r.occurred_on,
    channel: r.channel,
    participants: sealer.openText(r.participants, `contact:${r.id}:participants`),
    notes: sealer.openText(r.notes, `contact:${r.id}:notes`),
    isFeedback: r.is_feedback,
  }));
}

async function exportNotificationAddress(db: Db, sealer: CaseContext): Promise<string | null> {
  const row = await db
    .selectFrom('reporter_notification')
    .select('email')
    .where('case_id', '=', sealer.id)
    .executeTakeFirst();
  return row ? sealer.openText(row.email, 'notification-email') : null;
}
