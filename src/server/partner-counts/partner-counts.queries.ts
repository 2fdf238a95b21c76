import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export interface PartnerCountRow {
  year: number;
  period: string;
  service: string;
  category: string | null;
  count: number;
}

export async function upsertPartnerCount(
  db: Db,
  teamId: string,
  row: PartnerCountRow,
): Promise<void> {
  await db
    .insertInto('partner_count')
    .values({ team_id: teamId, ...row })
    .onConflict((oc) =>
      oc
        .expression(sql`team_id, year, period, service, coalesce(category, '')`)
        .doUpdateSet({ count: row.count }),
    )
    .execute();
}

export async function listPartnerCountRows(
  db: Db,
  teamId: string,
  year: number,
): Promise<PartnerCountRow[]> {
  return db
    .selectFrom('partner_count')
    .select(['year', 'period', 'service', 'category', 'count'])
    .where('team_id', '=', teamId)
    .where('year', '=', year)
    .orderBy('period')
    .orderBy('service')
    .orderBy('category')
    .execute();
}
