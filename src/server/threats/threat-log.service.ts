import type { z } from 'zod';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { getCaseDataKey } from '../crypto/case-key.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { canHandleCase } from '../cases/cases.policy.js';
import { findCaseAccessFacts } from '../cases/case-access.js';
import type { CleanFile } from '../attachments/upload-rules.js';
import { bindCaseWork, type CaseWork } from '../risk/case-work.js';
import type { SessionUser } from '../users/users.service.js';
import { canKeepThreatLog } from './threats.policy.js';
import type { EvidenceInput } from './threats.schema.js';

/**
 * Opens the evidence log of one case — and only that: a communications officer with a grant
 * gets the log, never the case (no reference, narrative or parties). Refusals are audited.
 */
export async function loadThreatLog(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  caseId: string,
): Promise<CaseWork> {
  const facts = await findCaseAccessFacts(db, caseId);
  const grant = facts
    ? await db
        .selectFrom('threat_log_grant')
        .select('user_id')
        .where('case_id', '=', caseId)
        .where('user_id', '=', user.id)
        .executeTakeFirst()
    : undefined;
  if (
    !facts ||
    !canKeepThreatLog(canHandleCase(user.id, user.memberships, facts), grant !== undefined)
  ) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'THREAT_LOG_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: facts?.teamId ?? null,
        caseId: facts ? caseId : null,
      }),
    );
    throw new AppError('NOT_FOUND');
  }
  return bindCaseWork(
    { id: caseId, teamId: facts.teamId, reference: '' },
    await getCaseDataKey(db, keyring, caseId),
    user.id,
  );
}

export async function addEvidence(
  trx: Db,
  work: CaseWork,
  input: z.infer<typeof EvidenceInput>,
  screenshot?: CleanFile,
) {
  const row = await trx
    .insertInto('threat_evidence')
    .values({
      case_id: work.id,
      platform: input.platform,
      link: work.seal(input.link, 'threat-link'),
      seen_on: input.seenOn,
      note: input.note ? work.seal(input.note, 'threat-note') : null,
      screenshot: screenshot ? work.seal(screenshot.content, 'threat-screenshot') : null,
      screenshot_type: screenshot?.mediaType ?? null,
      recorded_by: work.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'THREAT_EVIDENCE_ADDED', {
    evidenceId: row.id,
    platform: input.platform,
    screenshot: screenshot !== undefined,
  });
}

export async function listEvidence(db: Db, work: CaseWork) {
  const rows = await db
    .selectFrom('threat_evidence')
    .select(['id', 'platform', 'link', 'seen_on', 'note', 'screenshot_type'])
    .where('case_id', '=', work.id)
    .orderBy('seen_on')
    .orderBy('recorded_at')
    .execute();
  await db
    .transaction()
    .execute((trx) => work.audit(trx, 'THREAT_LOG_VIEWED', { entries: rows.length }));
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    link: work.openText(r.link, 'threat-link'),
    seenOn: r.seen_on,
    note: work.openOptional(r.note, 'threat-note'),
    hasScreenshot: r.screenshot_type !== null,
  }));
}
export type EvidenceEntry = Awaited<ReturnType<typeof listEvidence>>[number];

export async function getScreenshot(db: Db, work: CaseWork, evidenceId: string) {
  const row = await db
    .selectFrom('threat_evidence')
    .select(['screenshot', 'screenshot_type'])
    .where('id', '=', evidenceId)
    .where('case_id', '=', work.id)
    .executeTakeFirst();
  if (!row?.screenshot || !row.screenshot_type) throw new AppError('NOT_FOUND');
  await db
    .transaction()
    .execute((trx) => work.audit(trx, 'THREAT_SCREENSHOT_VIEWED', { evidenceId }));
  return { type: row.screenshot_type, content: work.open(row.screenshot, 'threat-screenshot') };
}
