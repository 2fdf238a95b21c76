import { raw } from 'hono/html';
import { percentOf } from '../../domain/annual-report.js';
import type { SuppressedCell } from '../../domain/suppression.js';
import { renderBarChart } from '../../ui/charts.js';
import { Layout } from '../../ui/layout.js';
import { YearField } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { reportText } from '../reports/report-text.js';
import { formatNumber, formatShare } from '../reports/report-format.js';
import type { Lang } from '../../domain/taxonomy.js';
import type { TeamChoice } from '../reports/reports.views.js';
import type { BoardStatistics } from './statistics.service.js';
import type { SuppressedTable } from './statistics.presenter.js';

function cellText(cell: SuppressedCell, threshold: number, lang: Lang): string {
  return cell.kind === 'shown'
    ? formatNumber(cell.count, lang)
    : cell.kind === 'small'
      ? `< ${formatNumber(threshold, lang)}`
      : '×';
}

/** One suppressed table (also the ombudsperson's aggregates, issue 21). */
export function Table({
  id,
  caption,
  table,
  threshold,
  percent,
  ctx,
}: {
  id: string;
  caption: string;
  table: SuppressedTable;
  threshold: number;
  percent: boolean;
  ctx: ViewContext;
}) {
  const { t } = ctx;
  return (
    <div class="report-table-wrap">
      <table class="utrecht-table report-table" data-testid={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{reportText(ctx.lang).key}</th>
            {table.years.map((y) => (
              <>
                <th scope="col">
                  {t('statistics.count')} {y}
                </th>
                {percent && <th scope="col">% {y}</th>}
              </>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr data-key={row.key}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => {
                const total = table.totals[i];
                return (
                  <>
                    <td data-cell={cell.kind}>{cellText(cell, threshold, ctx.lang)}</td>
                    {percent && (
                      <td>
                        {cell.kind === 'shown' && total != null
                          ? formatShare(cell.count, percentOf(cell.count, total), total, ctx.lang)
                          : '×'}
                      </td>
                    )}
                  </>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{reportText(ctx.lang).total}</th>
            {table.totals.map((total) => (
              <>
                <td data-cell={total == null ? 'hidden' : 'total'}>
                  {total == null ? '×' : formatNumber(total, ctx.lang)}
                </td>
                {percent && <td></td>}
              </>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Aggregates only, after small-cell suppression: for the board and the team's coordinators. */
export function StatisticsPage({
  ctx,
  teams,
  stats,
}: {
  ctx: ViewContext;
  teams: TeamChoice[];
  stats: BoardStatistics;
}) {
  const { t, lang } = ctx;
  const text = reportText(lang);
  const totals = stats.categoryTrend;
  const bars = totals.years.flatMap((y, i) =>
    totals.totals[i] == null
      ? []
      : [
          {
            label: String(y),
            value: totals.totals[i]!,
            valueText: formatNumber(totals.totals[i]!, lang),
          },
        ],
  );
  return (
    <Layout ctx={ctx} title={t('statistics.title')}>
      <h1 class="utrecht-heading-1">{t('statistics.title')}</h1>
      <form method="get" action="/statistics" class="report-picker">
        <div class="form-field">
          <label for="field-team">{t('reports.team')}</label>
          <select id="field-team" name="team">
            {teams.map((tm) => (
              <option value={tm.key} selected={tm.key === stats.teamKey}>
                {tm.name}
              </option>
            ))}
          </select>
        </div>
        <YearField t={t} year={stats.year} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('reports.show')}
        </button>
      </form>
      <p class="hint" data-testid="suppression-note">
        {t('statistics.suppressionNote', { threshold: stats.threshold })}
      </p>
      <p class="hint">{text.roundingNote}</p>
      <section aria-labelledby="h-signals">
        <h2 id="h-signals">{t('statistics.signals')}</h2>
        <p>{t('statistics.signalRule')}</p>
        {stats.signals.length === 0 ? (
          <p>{t('statistics.noSignals')}</p>
        ) : (
          <ul data-testid="signals">
            {stats.signals.map((s) => (
              <li>
                {s.label}: {formatNumber(s.signal.count, lang)}
                {s.signal.previousMean != null &&
                  ` (${t('statistics.previousMean', { mean: formatNumber(s.signal.previousMean, lang) })})`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="h-trend">
        <h2 id="h-trend">{t('statistics.trends')}</h2>
        <figure class="report-chart">
          {raw(renderBarChart({ id: 'chart-totals', title: t('statistics.totalsChart'), bars }))}
        </figure>
        <Table
          id="trend-category"
          caption={t('statistics.trendCategory')}
          table={stats.categoryTrend}
          threshold={stats.threshold}
          percent={false}
          ctx={ctx}
        />
        <Table
          id="trend-orgUnit"
          caption={t('statistics.trendOrgUnit')}
          table={stats.orgUnitTrend}
          threshold={stats.threshold}
          percent={false}
          ctx={ctx}
        />
      </section>
      {stats.breakdowns.map(({ breakdown, table }) => (
        <section aria-labelledby={`h-${breakdown}`}>
          <h2 id={`h-${breakdown}`}>{text.sections[breakdown]}</h2>
          <Table
            id={`table-${breakdown}`}
            caption={`${text.sections[breakdown]} (${stats.year - 1}, ${stats.year})`}
            table={table}
            threshold={stats.threshold}
            percent
            ctx={ctx}
          />
        </section>
      ))}
    </Layout>
  );
}
