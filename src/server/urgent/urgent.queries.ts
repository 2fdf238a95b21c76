import type { Db } from '../db/create-db.js';

/** The team's on-call rota in order; active accounts only. */
export async function listRota(db: Db, teamId: string) {
  return db
    .selectFrom('on_call_slot as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.position', 'u.id', 'u.email', 'u.locale', 'u.display_name'])
    .where('s.team_id', '=', teamId)
    .where('u.is_active', '=', true)
    .orderBy('s.position')
    .execute();
}

/** Who may be on call: the team's coordinators and advisers. */
export async function listRotaCandidates(db: Db, teamId: string) {
  return db
    .selectFrom('team_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.locale', 'u.display_name', 'm.role'])
    .where('m.team_id', '=', teamId)
    .where('m.role', 'in', ['safety_coordinator', 'confidential_adviser'])
    .where('u.is_active', '=', true)
    .orderBy('u.display_name')
    .execute();
}

/** Urgent cases of the last week that have no alert yet (marked urgent at intake or registration). */
export async function listUrgentCasesWithoutAlert(db: Db, since: Date) {
  return db
    .selectFrom('case')
    .select(['case.id', 'case.team_id', 'case.created_at'])
    .where('case.is_urgent', '=', true)
    .where('case.erased_at', 'is', null)
    .where('case.created_at', '>=', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('urgent_alert')
            .select('urgent_alert.id')
            .whereRef('urgent_alert.case_id', '=', 'case.id'),
        ),
      ),
    )
    .execute();
}

/** Alerts nobody has acknowledged, with their last notice. */
export async function listOpenAlerts(db: Db, filter: { teamIds?: string[]; caseId?: string } = {}) {
  let q = db
    .selectFrom('urgent_alert as a')
    .innerJoin('team', 'team.id', 'a.team_id')
    .innerJoin('case', 'case.id', 'a.case_id')
    .select((eb) => [
      'a.id',
      'a.case_id',
      'a.team_id',
      'a.raised_at',
      'case.reference',
      'team.urgent_escalation_minutes',
      eb
        .selectFrom('urgent_alert_notice as n')
        .select((n) => n.fn.max('n.level').as('l'))
        .whereRef('n.alert_id', '=', 'a.id')
        .as('last_level'),
      eb
        .selectFrom('urgent_alert_notice as n')
        .select((n) => n.fn.max('n.sent_at').as('s'))
        .whereRef('n.alert_id', '=', 'a.id')
        .as('last_sent_at'),
    ])
    .where('a.acknowledged_at', 'is', null);
  if (filter.teamIds)
    q = filter.teamIds.length
      ? q.where('a.team_id', 'in', filter.teamIds)
      : q.where('a.id', 'is', null);
  if (filter.caseId) q = q.where('a.case_id', '=', filter.caseId);
  return q.orderBy('a.raised_at').execute();
}

export async function findAlert(db: Db, alertId: string) {
  return db
    .selectFrom('urgent_alert as a')
    .innerJoin('case', 'case.id', 'a.case_id')
    .leftJoin('app_user as u', 'u.id', 'a.acknowledged_by')
    .select([
      'a.id',
      'a.case_id',
      'a.team_id',
      'a.raised_at',
      'a.acknowledged_at',
      'u.display_name as acknowledged_by_name',
      'case.reference',
    ])
    .where('a.id', '=', alertId)
    .executeTakeFirst();
}

export async function listNotices(db: Db, alertId: string) {
  return db
    .selectFrom('urgent_alert_notice as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['n.level', 'n.sent_at', 'u.display_name'])
    .where('n.alert_id', '=', alertId)
    .orderBy('n.level')
    .execute();
}
