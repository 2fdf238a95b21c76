import type { Db } from '../db/create-db.js';

export async function listActivityRows(db: Db, teamId: string, year: number) {
  return db
    .selectFrom('team_activity as a')
    .leftJoin('app_user as u', 'u.id', 'a.adviser_id')
    .select([
      'a.id',
      'a.kind',
      'a.title',
      'a.held_on',
      'a.status',
      'a.participants',
      'a.partner',
      'a.minutes',
      'a.notes',
      'a.adviser_id',
      'u.display_name as adviser_name',
    ])
    .where('a.team_id', '=', teamId)
    .where('a.held_on', '>=', `${year}-01-01`)
    .where('a.held_on', '<', `${year + 1}-01-01`)
    .orderBy('a.held_on')
    .orderBy('a.created_at')
    .execute();
}
export type ActivityRow = Awaited<ReturnType<typeof listActivityRows>>[number];

/** The team's advisers and coordinators: whose training hours count for certification. */
export async function listTeamAdvisersForTraining(db: Db, teamId: string) {
  const rows = await db
    .selectFrom('team_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name'])
    .where('m.team_id', '=', teamId)
    .where('m.role', 'in', ['confidential_adviser', 'safety_coordinator'])
    .where('u.is_active', '=', true)
    .orderBy('u.display_name')
    .execute();
  return [...new Map(rows.map((r) => [r.id, { id: r.id, name: r.display_name }])).values()];
}
