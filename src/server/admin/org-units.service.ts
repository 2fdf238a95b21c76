import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

export interface OrgUnit {
  key: string;
  labelNl: string;
  labelEn: string;
}

export async function listOrgUnits(db: Db, teamId: string): Promise<OrgUnit[]> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['key', 'label_nl', 'label_en'])
    .where('team_id', '=', teamId)
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, labelNl: r.label_nl, labelEn: r.label_en }));
}

/** Adds an organisation unit or renames the one with the same key. */
export async function saveOrgUnit(
  trx: Db,
  teamId: string,
  unit: OrgUnit,
  actor: AuditActor,
): Promise<void> {
  await trx
    .insertInto('org_unit')
    .values({ team_id: teamId, key: unit.key, label_nl: unit.labelNl, label_en: unit.labelEn })
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'key'])
        .doUpdateSet({ label_nl: unit.labelNl, label_en: unit.labelEn }),
    )
    .execute();
  await recordAudit(trx, { type: 'ORG_UNIT_SAVED', actor, teamId, detail: { key: unit.key } });
}
