import type { Db } from '../db/create-db.js';
import { forgetInstitutions } from '../tenancy/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';

export interface Team {
  id: string;
  key: string;
  nameNl: string;
  nameEn: string;
  ackDays: number;
  feedbackDays: number;
}

/**
 * A fresh database gets a default institution with a students' team, so that the first
 * command on a new installation (npm start or bin/meldpunt) finds something to work on.
 */
export async function ensureDefaultTeam(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('team')
      .select('id')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (existing) return;
    const institution = await trx
      .insertInto('institution')
      .values({ key: 'default', name: 'Universiteit' })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!institution) return; // another process got here first
    forgetInstitutions();
    const team = await trx
      .insertInto('team')
      .values({
        institution_id: institution.id,
        key: 'students',
        name_nl: 'Team Sociale Veiligheid voor studenten',
        name_en: 'Social Safety Team for students',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      type: 'INSTITUTION_CREATED',
      actor: { kind: 'system' },
      detail: { key: 'default' },
    });
    await recordAudit(trx, {
      type: 'TEAM_CREATED',
      actor: { kind: 'system' },
      teamId: team.id,
      detail: { key: 'students' },
    });
  });
}

function present(row: {
  id: string;
  key: string;
  name_nl: string;
  name_en: string;
  ack_days: number;
  feedback_days: number;
}): Team {
  return {
    id: row.id,
    key: row.key,
    nameNl: row.name_nl,
    nameEn: row.name_en,
    ackDays: row.ack_days,
    feedbackDays: row.feedback_days,
  };
}

/** The teams, of one institution when given (issue 22: every public page passes the request's). */
export async function listTeams(db: Db, institutionId?: string): Promise<Team[]> {
  let q = db.selectFrom('team').selectAll().orderBy('seq');
  if (institutionId) q = q.where('institution_id', '=', institutionId);
  const rows = await q.execute();
  return rows.map(present);
}

/** The team named by key, or the default team (the first created) without a key. */
export async function findTeam(db: Db, key?: string): Promise<Team | undefined> {
  let q = db.selectFrom('team').selectAll();
  q = key ? q.where('key', '=', key) : q.orderBy('seq').limit(1);
  const row = await q.executeTakeFirst();
  return row && present(row);
}
