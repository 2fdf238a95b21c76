import { raw } from 'hono/html';
import { categoryLabel, type AnnualReport } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import { ErrorSummary, YearField, type FieldErrors } from '../../ui/form.js';
import { Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import { buildReportDocument } from './report-model.js';
import { chartSvg } from './report-chart-svg.js';
import { renderChaptersHtml, type ReportChapters } from './report-chapters.js';
import { REPORT_FORMATS } from './report-export.js';
import { BreakdownTable } from './report-tables.js';
import { BREAKDOWN_ORDER, reportText } from './report-text.js';
import { formatNumber } from './report-format.js';

export interface TeamChoice {
  key: string;
  name: string;
}

interface ReportPageProps {
  ctx: ViewContext;
  teams: TeamChoice[];
  teamKey: string;
  year: number | string;
  report?: AnnualReport;
  /** Chapters 3 and 4: recommendations, objectives, activities and training hours of the year. */
  chapters?: ReportChapters;
  errors?: FieldErrors;
}

/** The annual report's figures for advisers and coordinators: tables, charts, partner counts, downloads. */
export function ReportPage({
  ctx,
  teams,
  teamKey,
  year,
  report,
  chapters,
  errors = {},
}: ReportPageProps) {
  const { t, lang } = ctx;
  const text = reportText(lang);
  const query = `team=${encodeURIComponent(teamKey)}&year=${year}`;
  // The charts of the document model (issue 20): the published order, labels wrapped, never cut off.
  const charts = new Map(
    (report ? buildReportDocument(report, { lang }).blocks : []).flatMap((b) =>
      b.kind === 'chart' ? [[b.id, b] as const] : [],
    ),
  );
  return (
    <Layout ctx={ctx} title={report ? text.title(report.year) : t('reports.title')}>
      <h1 class="utrecht-heading-1">{report ? text.title(report.year) : t('reports.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      <form method="get" action="/reports/annual" class="report-picker">
        <div class="form-field">
          <label for="field-team">{t('reports.team')}</label>
          <select id="field-team" name="team">
            {teams.map((tm) => (
              <option value={tm.key} selected={tm.key === teamKey}>
                {tm.name}
              </option>
            ))}
          </select>
        </div>
        <YearField t={t} year={year} error={errors.year} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('reports.show')}
        </button>
      </form>
      {report && (
        <>
          <p data-testid="report-total">
            {text.totalSentence(
              report.year,
              report.total,
              report.previousYear,
              report.previousTotal,
            )}
          </p>
          <p class="hint" data-testid="rounding-note">
            {text.roundingNote}
          </p>
          <section aria-labelledby="h-downloads">
            <h2 id="h-downloads">{t('reports.downloads')}</h2>
            <ul class="download-list">
              {REPORT_FORMATS.map((f) => (
                <li>
                  <a href={`/reports/annual/download?${query}&format=${f}`} download>
                    {t('reports.downloadAs', { format: f.toUpperCase() })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          {BREAKDOWN_ORDER.map((b) => (
            <section aria-labelledby={`h-${b}`}>
              <h2 id={`h-${b}`}>{text.sections[b]}</h2>
              {charts.get(`chart-${b}`) && (
                <figure class="report-chart">{raw(chartSvg(charts.get(`chart-${b}`)!).svg)}</figure>
              )}
              <BreakdownTable report={report} breakdown={b} text={text} lang={lang} />
            </section>
          ))}
          <section aria-labelledby="h-partners" class="panel" data-testid="partner-counts">
            <h2 id="h-partners">{text.partnerTitle}</h2>
            <p>{text.partnerNote}</p>
            {report.partnerCounts.length === 0 ? (
              <p>{text.noPartnerCounts}</p>
            ) : (
              <table class="utrecht-table report-table">
                <caption>
                  {text.partnerTitle} ({report.year})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{text.service}</th>
                    <th scope="col">{text.category}</th>
                    <th scope="col">{text.count}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.partnerCounts.map((p) => (
                    <tr>
                      <th scope="row">{vocabLabel('partnerService', p.service, lang)}</th>
                      <td>{p.category ? categoryLabel(p.category, lang) : '–'}</td>
                      <td>{formatNumber(p.count, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {chapters && (
            <div data-testid="report-chapters">{raw(renderChaptersHtml(chapters, lang))}</div>
          )}
        </>
      )}
    </Layout>
  );
}
