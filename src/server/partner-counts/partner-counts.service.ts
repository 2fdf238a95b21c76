import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { findTeam } from '../teams/teams.service.js';
import type { PartnerCountInput } from './partner-counts.schema.js';
import {
  listPartnerCountRows,
  upsertPartnerCount,
  type PartnerCountRow,
} from './partner-counts.queries.js';

/** Registers (or corrects) one count of a partner service for a period; audited with the user's id only. */
export async function registerPartnerCount(
  db: Db,
  userId: string,
  input: PartnerCountInput,
): Promise<void> {
  const team = await findTeam(db, input.team);
  if (!team) throw new AppError('NOT_FOUND');
  await db.transaction().execute(async (trx) => {
    const { year, period, service, category, count } = input;
    await upsertPartnerCount(trx, team.id, { year, period, service, category, count });
    await recordAudit(trx, {
      type: 'PARTNER_COUNT_REGISTERED',
      actor: { kind: 'user', userId },
      teamId: team.id,
      detail: { year, period, service, category, count },
    });
  });
}

export async function listPartnerCounts(
  db: Db,
  teamKey: string,
  year: number,
): Promise<PartnerCountRow[]> {
  const team = await findTeam(db, teamKey);
  if (!team) throw new AppError('NOT_FOUND');
  return listPartnerCountRows(db, team.id, year);
}
