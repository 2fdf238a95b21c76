import type { Db } from '../db/create-db.js';
import type { Translate } from '../../i18n/i18n.js';
import { getAttachmentContent, listAttachments } from '../attachments/attachments.service.js';
import type { StaffCaseContext } from '../cases/case-context.js';
import {
  requireConsent,
  recordShareRefused,
  type ShareRequest,
} from '../consent/consent.service.js';
import { renderEvidenceBundle } from './evidence-bundle.js';

export async function listEvidenceCandidates(db: Db, work: StaffCaseContext) {
  return listAttachments(db, work);
}

/** Case documents go to the police only when the consent ledger covers it (or an acute-risk override). */
export async function createEvidenceBundle(
  db: Db,
  work: StaffCaseContext,
  attachmentIds: string[],
  t: Translate,
) {
  const request: ShareRequest = {
    info: 'case_documents',
    recipient: { kind: 'partner', value: 'police' },
    purpose: 'police_report',
  };
  const actor = { kind: 'user' as const, userId: work.userId };
  try {
    await db.transaction().execute(async (trx) => {
      const basis = await requireConsent(trx, work.id, request);
      await work.audit(trx, 'EVIDENCE_BUNDLE_CREATED', {
        files: attachmentIds.length,
        basis: basis.basis,
      });
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'CONSENT_REQUIRED')
      await recordShareRefused(db, work.teamId, work.id, request, actor);
    throw err;
  }
  const files = [];
  for (const id of attachmentIds) files.push(await getAttachmentContent(db, work, id, actor));
  return renderEvidenceBundle(work.reference, files, t);
}
