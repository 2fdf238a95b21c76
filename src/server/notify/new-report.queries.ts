import type { Db } from '../db/create-db.js';

/**
 * Who hears of a new report: the team's active coordinators, and its active advisers — only
 * the adviser the reporter chose, when they chose one. Once each.
 */
export async function listNewReportRecipients(db: Db, caseId: string) {
  return db
    .selectFrom('case')
    .innerJoin('team_membership as m', 'm.team_id', 'case.team_id')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.locale', 'case.team_id'])
    .distinct()
    .where('case.id', '=', caseId)
    .where('u.is_active', '=', true)
    .where((eb) =>
      eb.or([
        eb('m.role', '=', 'safety_coordinator'),
        eb.and([
          eb('m.role', '=', 'confidential_adviser'),
          eb.or([
            eb('case.preferred_adviser_id', 'is', null),
            eb('case.preferred_adviser_id', '=', eb.ref('u.id')),
          ]),
        ]),
      ]),
    )
    .orderBy('u.id')
    .execute();
}

/** Claims the one notice of a case for a recipient (a deadline_reminder key); false when already sent. */
export async function claimNewReportNotice(
  trx: Db,
  caseId: string,
  recipientId: string,
): Promise<boolean> {
  const row = await trx
    .insertInto('deadline_reminder')
    .values({
      key: `new_report:${caseId}:${recipientId}`,
      case_id: caseId,
      kind: 'new_report',
      recipient_id: recipientId,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}
