import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/** The newest version of every protocol of a team. */
export async function listLatestVersions(db: Db, teamId: string) {
  return db
    .selectFrom('protocol')
    .innerJoin('protocol_version as v', 'v.protocol_id', 'protocol.id')
    .select([
      'protocol.id as protocolId',
      'protocol.key',
      'v.id as versionId',
      'v.version',
      'v.title_nl',
      'v.title_en',
      'v.categories',
      'v.steps',
      'v.created_at',
    ])
    .where('protocol.team_id', '=', teamId)
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('protocol_version as w')
        .select((w) => w.fn.max('w.version').as('m'))
        .whereRef('w.protocol_id', '=', 'protocol.id'),
    )
    .orderBy('protocol.created_at')
    .orderBy('protocol.key')
    .execute();
}
export type LatestVersionRow = Awaited<ReturnType<typeof listLatestVersions>>[number];

export async function listVersions(db: Db, protocolId: string) {
  return db
    .selectFrom('protocol_version')
    .select(['id', 'version', 'created_at'])
    .where('protocol_id', '=', protocolId)
    .orderBy('version', 'desc')
    .execute();
}

/** The protocols attached to a case, each with the version it follows and its ticked steps. */
export async function listCaseProtocolRows(db: Db, caseId: string) {
  return db
    .selectFrom('case_protocol as cp')
    .innerJoin('protocol_version as v', 'v.id', 'cp.protocol_version_id')
    .select([
      'cp.id',
      'cp.protocol_id',
      'cp.attached_via',
      'cp.attached_at',
      'v.version',
      'v.title_nl',
      'v.title_en',
      'v.steps',
    ])
    .where('cp.case_id', '=', caseId)
    .orderBy('cp.attached_at')
    .execute();
}

export async function listTickedSteps(db: Db, caseProtocolIds: string[]) {
  if (caseProtocolIds.length === 0) return [];
  return db
    .selectFrom('case_protocol_step as s')
    .innerJoin('app_user as u', 'u.id', 's.done_by')
    .select(['s.case_protocol_id', 's.step_key', 's.done_at', 'u.display_name'])
    .where('s.case_protocol_id', 'in', caseProtocolIds)
    .execute();
}

/** Per attached protocol: how many steps its version has and how many are ticked. */
export async function listStepCountRows(db: Db, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_protocol as cp')
    .innerJoin('protocol_version as v', 'v.id', 'cp.protocol_version_id')
    .select((eb) => [
      'cp.case_id',
      sql<number>`jsonb_array_length(v.steps)`.as('steps'),
      eb
        .selectFrom('case_protocol_step as s')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('s.case_protocol_id', '=', 'cp.id')
        .as('done'),
    ])
    .where('cp.case_id', 'in', caseIds)
    .execute();
}
