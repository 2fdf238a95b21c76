import { categoryLabel } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import { DEFAULT_CATEGORIES } from '../../domain/taxonomy.js';
import {
  ErrorSummary,
  SubmitButton,
  TextField,
  YearField,
  type FieldErrors,
} from '../../ui/form.js';
import { Layout } from '../../ui/layout.js';
import { SelectField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { TeamChoice } from '../reports/reports.views.js';
import { PARTNER_SERVICES, PERIODS } from './partner-counts.schema.js';
import type { PartnerCountRow } from './partner-counts.queries.js';

interface Props {
  ctx: ViewContext;
  teams: TeamChoice[];
  teamKey: string;
  year: number;
  rows: PartnerCountRow[];
  canRegister: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
  notice?: string;
}

export function periodLabel(t: ViewContext['t'], period: string): string {
  if (period === 'year') return t('partnerCounts.period.year');
  if (period.startsWith('q')) return t('partnerCounts.period.quarter', { n: period.slice(1) });
  return t('partnerCounts.period.month', { n: Number(period.slice(1)) });
}

/** Counts only: partner services register them, coordinators read them. Never personal data. */
export function PartnerCountsPage({
  ctx,
  teams,
  teamKey,
  year,
  rows,
  canRegister,
  errors = {},
  values = {},
  notice,
}: Props) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('partnerCounts.title')}>
      <h1 class="utrecht-heading-1">{t('partnerCounts.title')}</h1>
      <p>{t('partnerCounts.intro')}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} t={t} />
      {canRegister && (
        <form method="post" action="/partner-counts" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <h2>{t('partnerCounts.register')}</h2>
          <SelectField
            name="team"
            label={t('reports.team')}
            value={values.team ?? teamKey}
            error={errors.team}
            choices={teams.map((tm) => ({ value: tm.key, label: tm.name }))}
          />
          <TextField
            name="year"
            label={t('reports.year')}
            value={values.year ?? String(year)}
            error={errors.year}
          />
          <SelectField
            name="period"
            label={t('partnerCounts.periodLabel')}
            value={values.period ?? 'year'}
            error={errors.period}
            choices={PERIODS.map((p) => ({ value: p, label: periodLabel(t, p) }))}
          />
          <SelectField
            name="service"
            label={t('partnerCounts.service')}
            value={values.service}
            error={errors.service}
            choices={PARTNER_SERVICES.map((s) => ({
              value: s,
              label: vocabLabel('partnerService', s, lang),
            }))}
          />
          <SelectField
            name="category"
            label={t('partnerCounts.category')}
            hint={t('partnerCounts.categoryHint')}
            blank={t('partnerCounts.noCategory')}
            value={values.category}
            error={errors.category}
            choices={DEFAULT_CATEGORIES.map((c) => ({ value: c.key, label: c.label[lang] }))}
          />
          <TextField
            name="count"
            label={t('partnerCounts.count')}
            value={values.count}
            error={errors.count}
          />
          <SubmitButton>{t('partnerCounts.save')}</SubmitButton>
        </form>
      )}
      <h2>{t('partnerCounts.listHeading', { year })}</h2>
      <form method="get" action="/partner-counts" class="report-picker">
        <div class="form-field">
          <label for="filter-team">{t('reports.team')}</label>
          <select id="filter-team" name="team">
            {teams.map((tm) => (
              <option value={tm.key} selected={tm.key === teamKey}>
                {tm.name}
              </option>
            ))}
          </select>
        </div>
        <YearField t={t} year={year} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('reports.show')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t('partnerCounts.none')}</p>
      ) : (
        <table class="utrecht-table report-table" data-testid="partner-count-table">
          <caption>{t('partnerCounts.listHeading', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('partnerCounts.periodLabel')}</th>
              <th scope="col">{t('partnerCounts.service')}</th>
              <th scope="col">{t('partnerCounts.category')}</th>
              <th scope="col">{t('partnerCounts.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{periodLabel(t, r.period)}</th>
                <td>{vocabLabel('partnerService', r.service, lang)}</td>
                <td>{r.category ? categoryLabel(r.category, lang) : '–'}</td>
                <td>{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
