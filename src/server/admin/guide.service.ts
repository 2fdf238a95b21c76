import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/**
 * Team-specific text for the public guide (wegwijzer), one body per language, written by an
 * administrator as plain text (blank lines separate paragraphs). The public guide renders it.
 */
export interface GuideContent {
  body: string;
  updatedAt: Date;
}

export async function getGuideContent(
  db: Db,
  teamId: string,
  lang: Lang,
): Promise<GuideContent | undefined> {
  const row = await db
    .selectFrom('guide_content')
    .select(['body', 'updated_at'])
    .where('team_id', '=', teamId)
    .where('lang', '=', lang)
    .executeTakeFirst();
  return row && { body: row.body, updatedAt: row.updated_at };
}

export async function saveGuideContent(
  trx: Db,
  teamId: string,
  lang: Lang,
  body: string,
  actor: AuditActor,
): Promise<void> {
  const now = new Date();
  await trx
    .insertInto('guide_content')
    .values({ team_id: teamId, lang, body, updated_at: now })
    .onConflict((oc) => oc.columns(['team_id', 'lang']).doUpdateSet({ body, updated_at: now }))
    .execute();
  await recordAudit(trx, {
    type: 'GUIDE_CONTENT_UPDATED',
    actor,
    teamId,
    detail: { lang, length: body.length },
  });
}
