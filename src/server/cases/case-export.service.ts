import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Lang } from '../../domain/taxonomy.js';
import { translator } from '../../i18n/i18n.js';
import type { SessionUser } from '../users/users.service.js';
import { loadCaseContext } from './case-context.js';
import { readCaseRecord } from './case-view.service.js';
import { renderCaseFilePdf, type ExportSection } from './case-export.pdf.js';
import {
  findShareBasis,
  recordShareRefused,
  type ShareBasis,
  type ShareRequest,
} from '../consent/consent.service.js';
import { CaseRuleError } from './case-rule-error.js';

export interface ExportRequest {
  purpose: 'data_subject_request' | 'handover';
  sections: ExportSection[];
  handoverKind?: 'role' | 'partner';
  handoverTo?: string;
}

/**
 * The case file as a PDF, for a data-subject request or a handover. A handover shares the file
 * and needs a consent (or acute-risk override) for case documents, purpose export, to exactly
 * that recipient; a data-subject request goes to the reporter themself — their right, no consent
 * (docs/decisions/011-sharing-and-the-consent-ledger.md). The audit trail records the purpose,
 * the basis and exactly which sections were included (and how many contacts and tasks).
 */
export async function exportCasePdf(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
  req: ExportRequest,
  lang: Lang,
) {
  const loaded = await loadCaseContext(db, keyring, caseId, {
    kind: 'user',
    user: user,
    need: 'handle',
  });
  const basis =
    req.purpose === 'handover'
      ? await requireHandoverConsent(db, loaded.row.team_id, caseId, req, user.id)
      : undefined;
  const view = await readCaseRecord(db, loaded);
  const sections = [...new Set(req.sections)].sort();
  const party = sections.includes('parties')
    ? await db
        .selectFrom('case_party')
        .select('identity')
        .where('case_id', '=', caseId)
        .where('party', '=', 'intermediary')
        .executeTakeFirst()
    : undefined;
  const intermediary = party
    ? (
        JSON.parse(loaded.openText(party.identity, 'party:intermediary')) as {
          name: string;
        }
      ).name
    : undefined;
  const t = translator(lang);
  const purpose =
    req.purpose === 'handover' ? t('cases.export.handover') : t('cases.export.dataSubject');
  const content = await renderCaseFilePdf(view, sections, { intermediary, purpose }, t, lang);
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'CASE_EXPORTED',
      actor: { kind: 'user', userId: user.id },
      teamId: loaded.row.team_id,
      caseId,
      detail: {
        purpose: req.purpose,
        ...(basis && {
          recipient: `${req.handoverKind}:${req.handoverTo}`,
          basis: basis.basis,
          basisId: basis.basis === 'consent' ? basis.grantId : basis.overrideId,
        }),
        sections: sections.join(','),
        contacts: sections.includes('contacts') ? view.contacts.length : 0,
        tasks: sections.includes('tasks') ? view.tasks.length : 0,
        documents: sections.includes('documents') ? view.documents.length : 0,
      },
    }),
  );
  return { content, fileName: `case-${view.reference}.pdf` };
}

async function requireHandoverConsent(
  db: Db,
  teamId: string,
  caseId: string,
  req: ExportRequest,
  userId: string,
): Promise<ShareBasis> {
  const request: ShareRequest = {
    info: 'case_documents',
    recipient: { kind: req.handoverKind ?? 'role', value: req.handoverTo ?? '' },
    purpose: 'export',
  };
  const basis = await db.transaction().execute((trx) => findShareBasis(trx, caseId, request)); // the ledger's one rule, as requireConsent
  if (basis) return basis;
  await recordShareRefused(db, teamId, caseId, request, { kind: 'user', userId });
  throw new CaseRuleError('handoverTo', 'consent.required');
}
