import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { prepareLogo, type LogoProblem } from '../tenancy/logo.js';
import { forgetInstitutions } from '../tenancy/tenancy.js';

/** An institution's logo (issue 22, decision 038), in `institution_logo` (row-level security). */
export async function setInstitutionLogo(
  trx: Db,
  institutionId: string,
  file: Buffer,
  actor: AuditActor,
): Promise<{ ok: true } | { ok: false; problem: LogoProblem }> {
  const checked = await prepareLogo(file);
  if (!checked.ok) return checked;
  const { logo } = checked;
  const values = {
    content_type: logo.contentType,
    body: logo.body,
    sha256: logo.sha256,
    width: logo.width,
    height: logo.height,
    updated_at: new Date(),
  };
  await trx
    .insertInto('institution_logo')
    .values({ institution_id: institutionId, ...values })
    .onConflict((oc) => oc.column('institution_id').doUpdateSet(values))
    .execute();
  forgetInstitutions(); // the header shows the new logo at once (in this process)
  await recordAudit(trx, {
    type: 'INSTITUTION_LOGO_CHANGED',
    actor,
    detail: { institutionId, sha256: logo.sha256, width: logo.width, height: logo.height },
  });
  return { ok: true };
}

export async function removeInstitutionLogo(trx: Db, institutionId: string, actor: AuditActor) {
  const removed = await trx
    .deleteFrom('institution_logo')
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  forgetInstitutions();
  if (Number(removed.numDeletedRows) > 0)
    await recordAudit(trx, {
      type: 'INSTITUTION_LOGO_CHANGED',
      actor,
      detail: { institutionId, removed: true },
    });
}

export async function findInstitutionLogo(db: Db, institutionId: string) {
  return db
    .selectFrom('institution_logo')
    .select(['content_type', 'body', 'sha256'])
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}
