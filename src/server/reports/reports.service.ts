import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { findTeam } from '../teams/teams.service.js';
import { AppError } from '../http/errors.js';
import { buildAnnualReport, type AnnualReport } from '../../domain/annual-report.js';
import type { Lang } from '../../domain/taxonomy.js';
import { listGroupedCounts, listOrgUnitLabels, listPartnerCounts } from './reports.queries.js';

export interface AnnualReportRequest {
  /** The default team (the first created) when absent. */
  teamKey?: string;
  year: number;
  lang: Lang;
  actor?: AuditActor;
  /** Recorded in the audit event only (json, csv, html, pdf, docx, xlsx, web). */
  format?: string;
}

/** The annual report of one team and year; records REPORT_GENERATED in the same transaction. */
export async function getAnnualReport(db: Db, request: AnnualReportRequest): Promise<AnnualReport> {
  const team = await findTeam(db, request.teamKey);
  if (!team)
    throw new AppError(
      'NOT_FOUND',
      request.teamKey ? `unknown team: ${request.teamKey}` : 'no team exists yet',
    );
  const { year, lang } = request;
  return db.transaction().execute(async (trx) => {
    const [counts, orgUnits, partnerCounts] = await Promise.all([
      listGroupedCounts(trx, team.id, year),
      listOrgUnitLabels(trx, team.id),
      listPartnerCounts(trx, team.id, year),
    ]);
    const report = buildAnnualReport({
      team: team.key,
      year,
      lang,
      counts,
      orgUnits,
      partnerCounts,
    });
    await recordAudit(trx, {
      type: 'REPORT_GENERATED',
      actor: request.actor ?? { kind: 'cli' },
      teamId: team.id,
      detail: { report: 'annual', year, lang, format: request.format ?? null, total: report.total },
    });
    return report;
  });
}
