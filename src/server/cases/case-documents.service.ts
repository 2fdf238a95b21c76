import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { addAttachments, listAttachments } from '../attachments/attachments.service.js';
import { prepareUploads } from '../attachments/upload-rules.js';
import { UPLOAD_PROBLEM_MESSAGE } from '../attachments/upload-messages.js';
import { CaseRuleError } from './case-rule-error.js';
import { loadCaseContext, type CaseContext } from './case-context.js';
import type { SessionUser } from '../users/users.service.js';

/** Where a file on the case record came from: the reporter, the correspondence, or staff (internal). */
export type DocumentSource = 'reporter' | 'correspondence' | 'staff';

export interface CaseDocument {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  source: DocumentSource;
  addedAt: Date;
}

/**
 * Staff add documents and evidence to the case record: checked and stripped of metadata by
 * the upload rules (attachments/), sealed with the case key, audited, and kept from the
 * reporter's mailbox (staff only). Only the case's adviser or a coordinator may add; one bad
 * file refuses them all.
 */
export async function addCaseDocuments(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  files: File[],
) {
  const sealer = await loadCaseContext(db, keyring, caseId, {
    kind: 'user',
    user: user,
    need: 'handle',
  });
  const upload = await prepareUploads(files);
  if (!upload.ok) throw new CaseRuleError('files', UPLOAD_PROBLEM_MESSAGE[upload.problem]);
  if (upload.files.length === 0) throw new CaseRuleError('files', 'cases.documents.noFiles');
  await db.transaction().execute((trx) =>
    addAttachments(trx, sealer, upload.files, {
      uploadedBy: 'adviser',
      actor: { kind: 'user', userId: user.id },
      staffOnly: true,
    }),
  );
  return upload.files.length;
}

/** Every file of the case — the reporter's evidence, files of messages, internal documents — names decrypted. */
export async function listCaseDocuments(db: Db, loaded: CaseContext): Promise<CaseDocument[]> {
  const files = await listAttachments(db, loaded, { includeStaffOnly: true });
  return files.map((f) => ({
    id: f.id,
    name: f.name,
    mediaType: f.mediaType,
    sizeBytes: f.sizeBytes,
    source: f.staffOnly ? 'staff' : f.messageId ? 'correspondence' : 'reporter',
    addedAt: f.createdAt,
  }));
}
