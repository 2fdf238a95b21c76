import type { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { canHandleCase } from '../cases/cases.policy.js';
import type { StaffCaseContext } from '../cases/case-context.js';
import type { CleanFile } from '../attachments/upload-rules.js';
import type { SessionUser } from '../users/users.service.js';
import { canKeepThreatLog } from './threats.policy.js';
import type { EvidenceInput } from './threats.schema.js';

/**
 * Opens the evidence log of one case — and only that: a communications officer with a grant
 * gets the log, never the case (no reference, narrative or parties). Refusals are audited.
 */
export async function loadThreatLog(
  db: Db,
  ctx: StaffCaseContext,
  user: SessionUser,
): Promise<StaffCaseContext> {
  const granted = ctx.facts.grantees.includes(user.id);
  if (!canKeepThreatLog(canHandleCase(user.id, user.memberships, ctx.facts), granted)) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'THREAT_LOG_ACCESS_REFUSED',
        actor: { kind: 'user', userId: user.id },
        teamId: ctx.teamId,
        caseId: ctx.id,
      }),
    );
    throw new AppError('NOT_FOUND');
  }
  return { ...ctx, reference: '' }; // the log, never the case: not even its reference
}

export async function addEvidence(
  trx: Db,
  work: StaffCaseContext,
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

export async function listEvidence(db: Db, work: StaffCaseContext) {
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

export async function getScreenshot(db: Db, work: StaffCaseContext, evidenceId: string) {
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
