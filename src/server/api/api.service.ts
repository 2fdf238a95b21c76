import type { Db } from '../db/create-db.js';
import type { Lang } from '../../domain/taxonomy.js';
import { recordAudit } from '../audit/audit.service.js';
import { getAnnualReport } from '../reports/reports.service.js';
import type { ApiPrincipal } from './api-tokens.service.js';

async function teamKeyOf(db: Db, teamId: string): Promise<string> {
  const team = await db
    .selectFrom('team')
    .select('key')
    .where('id', '=', teamId)
    .executeTakeFirstOrThrow();
  return team.key;
}

/** Aggregate figures of the token's team: the annual report's JSON. */
export async function getStatistics(db: Db, principal: ApiPrincipal, year: number, lang: Lang) {
  const report = await getAnnualReport(db, {
    teamKey: await teamKeyOf(db, principal.teamId),
    year,
    lang,
    actor: { kind: 'system' },
    format: 'api',
  });
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'API_STATISTICS_READ',
      actor: { kind: 'system' },
      teamId: principal.teamId,
      detail: { tokenId: principal.tokenId, year },
    }),
  );
  return report;
}

/** Case records without content (no text, no parties): for a case-management integration. */
export async function listCaseMetadata(db: Db, principal: ApiPrincipal, year: number) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('case')
      .select([
        'reference',
        'received_on',
        'category',
        'subtype',
        'status',
        'follow_up',
        'closed_on',
      ])
      .where('team_id', '=', principal.teamId)
      .where('received_on', '>=', `${year}-01-01`)
      .where('received_on', '<=', `${year}-12-31`)
      .orderBy('received_on')
      .orderBy('reference')
      .execute();
    await recordAudit(trx, {
      type: 'API_CASES_LISTED',
      actor: { kind: 'system' },
      teamId: principal.teamId,
      detail: { tokenId: principal.tokenId, year, count: rows.length },
    });
    return rows.map((r) => ({
      reference: r.reference,
      receivedOn: r.received_on,
      category: r.category,
      subtype: r.subtype,
      status: r.status,
      followUp: r.follow_up,
      closedOn: r.closed_on,
    }));
  });
}

export async function recordApiRefusal(
  db: Db,
  principal: ApiPrincipal,
  scope: string,
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'API_ACCESS_REFUSED',
      actor: { kind: 'system' },
      teamId: principal.teamId,
      detail: { tokenId: principal.tokenId, scope },
    }),
  );
}
