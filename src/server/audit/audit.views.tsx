import { Layout } from '../../ui/layout.js';
import { ErrorSummary, TextField, type FieldErrors } from '../../ui/form.js';
import { formatDateTime, formatNumber } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { Translate } from '../../i18n/i18n.js';
import type { AuditQuery, AuditView, ChainCheck, DetailValue } from './audit-viewer.service.js';
import {
  AUDIT_GROUPS,
  auditEventLabelKey,
  auditGroupLabelKey,
  isAuditEventType,
  kindsOfGroup,
} from './audit-events.js';

/** An event kind in the reader's language; a kind the code no longer writes shows its code. */
export function auditEventLabel(t: Translate, type: string): string {
  return isAuditEventType(type) ? t(auditEventLabelKey(type)) : type;
}

function actorLabel(t: Translate, e: AuditView['events'][number]): string {
  if (e.actorKind === 'user') return e.actorName ?? t('audit.actor.unknown');
  return t(`audit.actor.${e.actorKind}`);
}

/** The query string of a page with the current filters. */
function pageHref(query: AuditQuery, page: number, upto?: number): string {
  const params = new URLSearchParams();
  for (const name of ['reference', 'person', 'kind', 'from', 'to'] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  if (page > 1) {
    params.set('page', String(page));
    if (upto !== undefined) params.set('upto', String(upto));
  }
  const s = params.toString();
  return s ? `/audit?${s}` : '/audit';
}

function DetailText({ t, value }: { t: Translate; value: DetailValue }) {
  switch (value.kind) {
    case 'bool':
      return <>{value.value ? t('audit.yes') : t('audit.no')}</>;
    case 'person':
      return <>{value.name}</>;
    case 'case':
      return <>{value.reference}</>;
    default:
      return <>{value.text}</>;
  }
}

function Filters({
  ctx,
  view,
  query,
  errors,
  rawDates,
}: {
  ctx: ViewContext;
  view: AuditView;
  query: AuditQuery;
  errors: FieldErrors;
  rawDates: { from?: string; to?: string };
}) {
  const { t } = ctx;
  const option = (value: string, label: string, current?: string) => (
    <option value={value} selected={value === current}>
      {label}
    </option>
  );
  return (
    <form method="get" action="/audit" class="filters audit-filters" novalidate>
      <h2 class="utrecht-heading-2" id="audit-filter-heading">
        {t('audit.filter.heading')}
      </h2>
      <div class="audit-filters__fields">
        <TextField
          name="reference"
          label={t('audit.filter.reference')}
          value={query.reference}
          error={view.referenceNotFound ? t('audit.filter.unknownReference') : errors['reference']}
        />
        <div class="form-field">
          <label for="field-person">{t('audit.filter.person')}</label>
          <select id="field-person" name="person">
            {option('', t('audit.filter.any'), query.person)}
            <optgroup label={t('workspace.recipient.people')}>
              {view.people.map((p) => option(p.id, p.name, query.person))}
            </optgroup>
            <optgroup label={t('audit.filter.noAccount')}>
              {option('reporter', t('audit.actor.reporter'), query.person)}
              {option('system', t('audit.actor.system'), query.person)}
              {option('cli', t('audit.actor.cli'), query.person)}
            </optgroup>
          </select>
        </div>
        <div class="form-field">
          <label for="field-kind">{t('audit.filter.kind')}</label>
          <select id="field-kind" name="kind">
            {option('', t('audit.filter.any'), query.kind)}
            {AUDIT_GROUPS.map((g) => {
              const group = t(auditGroupLabelKey(g));
              const kinds = kindsOfGroup(g)
                .map((k) => ({ k, label: t(auditEventLabelKey(k)) }))
                .sort((a, b) => a.label.localeCompare(b.label, ctx.lang));
              return (
                <optgroup label={group}>
                  {option(`group:${g}`, t('audit.filter.allOfGroup', { group }), query.kind)}
                  {kinds.map(({ k, label }) => option(k, label, query.kind))}
                </optgroup>
              );
            })}
          </select>
        </div>
        <TextField
          name="from"
          label={t('audit.filter.from')}
          hint={t('audit.filter.dateHint')}
          value={query.from ?? rawDates.from}
          error={errors['from']}
        />
        <TextField
          name="to"
          label={t('audit.filter.to')}
          hint={t('audit.filter.dateHint')}
          value={query.to ?? rawDates.to}
          error={errors['to']}
        />
      </div>
      <p class="audit-filters__actions">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t('audit.filter.apply')}
        </button>
        <a href="/audit">{t('audit.filter.clear')}</a>
      </p>
    </form>
  );
}

function Pager({ ctx, view, query }: { ctx: ViewContext; view: AuditView; query: AuditQuery }) {
  const { t } = ctx;
  if (!view.hasPrevious && !view.hasNext) return null;
  const size = { size: view.pageSize };
  return (
    <nav aria-label={t('audit.page.nav')} class="pager">
      <ul class="filter-links">
        {view.hasPrevious && (
          <li>
            <a href={pageHref(query, view.page - 1, view.upto)} rel="prev">
              {t('audit.page.previous', size)}
            </a>
          </li>
        )}
        {view.hasNext && (
          <li>
            <a href={pageHref(query, view.page + 1, view.upto)} rel="next">
              {t('audit.page.next', size)}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function AuditPage({
  ctx,
  view,
  query,
  errors,
  rawDates,
}: {
  ctx: ViewContext;
  view: AuditView;
  query: AuditQuery;
  errors: FieldErrors;
  rawDates: { from?: string; to?: string };
}) {
  const { t, lang } = ctx;
  const { events } = view;
  const num = (n: number) => formatNumber(n, lang, 0);
  return (
    <Layout ctx={ctx} title={t('audit.title')} wide>
      <h1 class="utrecht-heading-1">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <ErrorSummary errors={errors} t={t} />
      <section class="panel audit-chain" aria-labelledby="audit-chain-heading">
        <h2 class="utrecht-heading-2" id="audit-chain-heading">
          {t('audit.chain.heading')}
        </h2>
        <p>{t('audit.chain.lead')}</p>
        <form method="get" action="/audit/chain">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('audit.chain.check')}
          </button>
        </form>
      </section>
      <Filters ctx={ctx} view={view} query={query} errors={errors} rawDates={rawDates} />
      {events.length === 0 ? (
        <p role="status" data-testid="audit-results">
          {t('audit.empty')}
        </p>
      ) : (
        <>
          <p role="status" data-testid="audit-results">
            {t('audit.results', {
              from: num(view.from),
              to: num(view.from + events.length - 1),
              total: num(view.total),
            })}
          </p>
          <table class="data audit-table">
            <caption class="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.number')}</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.type')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.case')}</th>
                <th scope="col">{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr data-testid="audit-event">
                  <td data-label={t('audit.number')}>{e.id}</td>
                  <td data-label={t('audit.when')}>
                    <time datetime={e.occurredAt.toISOString()}>
                      {formatDateTime(e.occurredAt, lang)}
                    </time>
                  </td>
                  <td data-label={t('audit.type')} data-kind={e.type}>
                    {auditEventLabel(t, e.type)}
                  </td>
                  <td data-label={t('audit.actor')}>{actorLabel(t, e)}</td>
                  <td data-label={t('audit.case')}>
                    {e.reference ? (
                      <a href={pageHref({ reference: e.reference, page: 1 }, 1)}>{e.reference}</a>
                    ) : e.hasCase ? (
                      t('audit.case.erased')
                    ) : (
                      ''
                    )}
                  </td>
                  <td data-label={t('audit.detail')}>
                    {e.detail.length > 0 && (
                      <ul class="audit-detail">
                        {e.detail.map(([key, value]) => (
                          <li>
                            <span class="audit-detail__key">{key}</span>:{' '}
                            <DetailText t={t} value={value} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Pager ctx={ctx} view={view} query={query} />
    </Layout>
  );
}

export function AuditChainPage({ ctx, check }: { ctx: ViewContext; check: ChainCheck }) {
  const { t, lang } = ctx;
  const b = check.broken;
  return (
    <Layout ctx={ctx} title={t('audit.chain.title')}>
      <h1 class="utrecht-heading-1">{t('audit.chain.title')}</h1>
      <div
        class={check.ok ? 'panel' : 'panel panel--alert'}
        role={check.ok ? 'status' : 'alert'}
        data-testid="chain"
        data-chain={check.ok ? 'intact' : 'broken'}
      >
        {check.ok ? (
          <p>{t('audit.chainOk', { count: formatNumber(check.checked, lang, 0) })}</p>
        ) : (
          <>
            <p>
              {t('audit.chainBroken', {
                id: String(b?.id ?? '?'),
                kind: b?.type ? auditEventLabel(t, b.type) : '?',
                when: b?.occurredAt ? formatDateTime(b.occurredAt, lang) : '?',
              })}
            </p>
            <p>{t('audit.chainBrokenAdvice')}</p>
          </>
        )}
      </div>
      <p>{t('audit.chain.checkedAt', { when: formatDateTime(check.checkedAt, lang) })}</p>
      <p>{t('audit.chain.explain')}</p>
      <p>
        <a href="/audit">{t('audit.chain.back')}</a>
      </p>
    </Layout>
  );
}
