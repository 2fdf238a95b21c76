import type { NationalCell } from '../../domain/national-suppression.js';
import type { Lang } from '../../domain/taxonomy.js';
import { Layout } from '../../ui/layout.js';
import { YearField } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { formatNumber } from '../reports/report-format.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { OverviewDimension } from './overview.queries.js';
import type { NationalOverview, OverviewColumn } from './overview.service.js';

export function cellText(cell: NationalCell, lang: Lang, fewText: string): string {
  switch (cell.kind) {
    case 'shown':
      return formatNumber(cell.count, lang);
    case 'small':
      return `< ${formatNumber(cell.threshold, lang)}`;
    case 'few':
      return fewText;
    case 'hidden':
      return '×';
  }
}

const CAPTION: Record<OverviewDimension, MessageKey> = {
  category: 'overview.by.category',
  reporterRole: 'overview.by.reporterRole',
  via: 'overview.by.via',
  channel: 'overview.by.channel',
  quarter: 'overview.by.quarter',
  state: 'overview.by.state',
};

function ColumnTable(props: {
  id: string;
  caption: string;
  keyHeading: string;
  column: OverviewColumn;
  minInstitutions: number;
  ctx: ViewContext;
}) {
  const { id, caption, keyHeading, column, ctx } = props;
  const few = ctx.t('overview.few', { min: props.minInstitutions });
  const { t, lang } = ctx;
  return (
    <div class="report-table-wrap">
      <table class="utrecht-table report-table" data-testid={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            <th scope="col">{t('overview.reports')}</th>
          </tr>
        </thead>
        <tbody>
          {column.rows.map((row) => (
            <tr data-key={row.key}>
              <th scope="row">{row.label}</th>
              <td data-cell={column.published ? row.cell.kind : 'hidden'}>
                {column.published ? cellText(row.cell, lang, few) : '×'}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('overview.total')}</th>
            <td data-cell={column.total == null ? 'hidden' : 'total'}>
              {column.total == null ? '×' : formatNumber(column.total, lang)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The platform operator's national overview: aggregates only, suppressed within and across institutions. */
export function OverviewPage({ ctx, overview }: { ctx: ViewContext; overview: NationalOverview }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('overview.title')}>
      <h1 class="utrecht-heading-1">{t('overview.title')}</h1>
      <p>{t('overview.intro')}</p>
      <form method="get" action="/platform/overview" class="report-picker">
        <YearField t={t} year={overview.year} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('reports.show')}
        </button>
      </form>
      <ul class="hint overview-notes" data-testid="suppression-note">
        <li>{t('overview.note.small')}</li>
        <li>
          {t('overview.note.few', {
            min: overview.minInstitutions,
            threshold: overview.threshold,
          })}
        </li>
        <li>{t('overview.note.hidden')}</li>
      </ul>
      <section aria-labelledby="h-institutions">
        <h2 id="h-institutions" class="utrecht-heading-2">
          {t('overview.institutions')}
        </h2>
        <ColumnTable
          id="overview-institutions"
          caption={t('overview.institutionsCaption', { year: overview.year })}
          keyHeading={t('platform.name')}
          column={overview.institutions}
          minInstitutions={overview.minInstitutions}
          ctx={ctx}
        />
      </section>
      <section aria-labelledby="h-national">
        <h2 id="h-national" class="utrecht-heading-2">
          {t('overview.national')}
        </h2>
        <div class="overview-grid">
          {overview.breakdowns.map(({ dimension, column }) => (
            <ColumnTable
              id={`overview-${dimension}`}
              caption={`${t(CAPTION[dimension])} (${overview.year})`}
              keyHeading={t(CAPTION[dimension])}
              column={column}
              minInstitutions={overview.minInstitutions}
              ctx={ctx}
            />
          ))}
        </div>
      </section>
    </Layout>
  );
}
