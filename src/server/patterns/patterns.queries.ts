import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/**
 * Every non-erased case that shares a blind-index entry with another case, with what counting
 * needs, and its institution: clusters never cross institutions (issue 22, pattern-clusters.ts).
 */
export async function listSharedIdentifierRows(db: Db) {
  return db
    .selectFrom('accused_identifier as ai')
    .innerJoin('case as c', 'c.id', 'ai.case_id')
    .innerJoin('team as t', 't.id', 'c.team_id')
    .leftJoin('reporter_fingerprint as rf', 'rf.case_id', 'c.id')
    .leftJoin('pattern_escrow as pe', 'pe.case_id', 'c.id')
    .select([
      'ai.blind_index',
      'ai.kind',
      'c.id as case_id',
      'c.team_id',
      't.institution_id',
      'c.reference',
      'c.received_on',
      'c.is_anonymous',
      'rf.fingerprint',
      'pe.state as escrow_state',
    ])
    .where('c.erased_at', 'is', null)
    .where('ai.blind_index', 'in', (eb) =>
      eb
        .selectFrom('accused_identifier')
        .select('blind_index')
        .groupBy('blind_index')
        .having(sql<number>`count(DISTINCT case_id)`, '>=', 2),
    )
    .execute();
}
export type SharedIdentifierRow = Awaited<ReturnType<typeof listSharedIdentifierRows>>[number];

export async function listIdentifierRows(db: Db, caseId: string) {
  return db
    .selectFrom('accused_identifier')
    .select(['id', 'kind', 'identity', 'added_by', 'created_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listTeamThresholds(db: Db) {
  return db
    .selectFrom('team')
    .select(['id', 'name_nl', 'name_en', 'pattern_threshold'])
    .orderBy('seq')
    .execute();
}

export async function findReporterIdentity(db: Db, caseId: string) {
  return db
    .selectFrom('case_party')
    .select('identity')
    .where('case_id', '=', caseId)
    .where('party', '=', 'reporter')
    .executeTakeFirst();
}

export async function findEscrow(db: Db, caseId: string) {
  return db
    .selectFrom('pattern_escrow')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}
