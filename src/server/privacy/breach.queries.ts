import type { Db } from '../db/create-db.js';

/** Breaches whose 72-hour decision (tell the AP, or record why not) is still open. */
export async function listUndecidedBreaches(db: Db) {
  return db
    .selectFrom('breach')
    .innerJoin('team', 'team.id', 'breach.team_id')
    .select([
      'breach.id',
      'breach.team_id',
      'breach.seq',
      'breach.found_at',
      'breach.ap_notified_at',
      'breach.ap_reason',
      'breach.closed_at',
      'breach.recorded_by',
      'team.name_nl',
      'team.name_en',
    ])
    .where('breach.ap_notified_at', 'is', null)
    .where((eb) => eb.or([eb('breach.ap_reason', 'is', null), eb('breach.ap_reason', '=', '')]))
    .where('breach.closed_at', 'is', null)
    .execute();
}

/** Who is reminded of a team's breach: its active coordinators and whoever recorded it (when still active). */
export async function listBreachRecipients(db: Db, teamId: string, recorderId: string) {
  return db
    .selectFrom('app_user')
    .select(['app_user.id', 'app_user.email', 'app_user.locale'])
    .where('app_user.is_active', '=', true)
    .where((eb) =>
      eb.or([
        eb('app_user.id', '=', recorderId),
        eb.exists(
          eb
            .selectFrom('team_membership')
            .select('user_id')
            .whereRef('team_membership.user_id', '=', 'app_user.id')
            .where('team_membership.team_id', '=', teamId)
            .where('team_membership.role', '=', 'safety_coordinator'),
        ),
      ]),
    )
    .orderBy('app_user.id')
    .execute();
}

/** Claims a breach reminder key in deadline_reminder (no case); false when already claimed. */
export async function claimBreachReminder(
  trx: Db,
  r: { key: string; kind: string; recipientId: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('deadline_reminder')
    .values({ key: r.key, case_id: null, kind: r.kind, recipient_id: r.recipientId })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
