import { CASE_STATUSES } from '../../domain/case-status.js';
import { vocabLabel } from '../../domain/labels.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import { ErrorSummary, SubmitButton, TextField } from '../../ui/form.js';
import { DateText } from '../../ui/dates.js';
import { SelectField } from './case-fields.js';
import type { InboxQuery } from './inbox.schema.js';
import type { InboxPageData } from './inbox.service.js';
import type { SavedFilter } from './inbox-filters.service.js';

function queryString(q: Partial<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== '' && v !== 'all') params.set(k, String(v));
  const s = params.toString();
  return s ? `/cases?${s}` : '/cases';
}

/** Declaring a conflict of interest needs no access to the case: a disclosure, then one button (works without JavaScript). */
function ConflictForm({
  ctx,
  caseId,
  reference,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
}) {
  const { t } = ctx;
  return (
    <details>
      <summary>
        {t('cases.inbox.conflict')}
        <span class="visually-hidden"> ({reference})</span>
      </summary>
      <p class="hint">{t('cases.conflict.text')}</p>
      <form method="post" action={`/cases/${caseId}/conflict`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('cases.conflict.submit')}
          <span class="visually-hidden">: {reference}</span>
        </button>
      </form>
    </details>
  );
}

/**
 * One's saved filters as links above the inbox, each with a delete button (issue 19); nothing
 * when there are none. Deleting posts and comes back to the inbox (post/redirect/get).
 */
function SavedFilterLinks({ ctx, filters }: { ctx: ViewContext; filters: SavedFilter[] }) {
  const { t } = ctx;
  if (filters.length === 0) return null;
  return (
    <nav aria-labelledby="saved-filters-heading" class="saved-filters">
      <h2 id="saved-filters-heading" class="utrecht-heading-3">
        {t('records.filters.heading')}
      </h2>
      <ul class="filter-links" data-testid="saved-filters">
        {filters.map((f) => (
          <li>
            <a href={f.query ? `/cases?${f.query}` : '/cases'}>{f.name}</a>{' '}
            <form method="post" action={`/cases/filters/${f.id}/delete`} class="inline-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="link-button">
                ({t('records.filters.delete')}
                <span class="visually-hidden">: {f.name}</span>)
              </button>
            </form>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Saves the filter now shown under a name: the GET query again, as hidden fields. */
function SaveFilterForm({
  ctx,
  query,
  save,
}: {
  ctx: ViewContext;
  query: InboxQuery;
  save: { name?: string; error?: string };
}) {
  const { t } = ctx;
  const { after: _after, ...current } = query;
  return (
    <details class="action" open={save.error !== undefined}>
      <summary class="action__summary">{t('records.filters.save')}</summary>
      <form method="post" action="/cases/filters" novalidate>
        <CsrfField ctx={ctx} />
        {Object.entries(current).map(([k, v]) =>
          v === undefined || v === '' ? null : <input type="hidden" name={k} value={String(v)} />,
        )}
        <TextField
          name="filterName"
          label={t('records.filters.name')}
          hint={t('records.filters.nameHint')}
          value={save.name}
          error={save.error}
        />
        <SubmitButton>{t('records.filters.submit')}</SubmitButton>
      </form>
    </details>
  );
}

export function InboxPage({
  ctx,
  data,
  query,
  savedFilters = [],
  save = {},
  notice,
}: {
  ctx: ViewContext;
  data: InboxPageData;
  query: InboxQuery;
  savedFilters?: SavedFilter[];
  save?: { name?: string; error?: string };
  notice?: string;
}) {
  const { t, lang } = ctx;
  const { after: _after, ...filters } = query;
  const views = [
    ['all', undefined, t('cases.view.all')],
    ['unassigned', undefined, t('cases.view.unassigned')],
    ['mine', undefined, t('cases.view.mine')],
    ['all', 'due', t('cases.view.due')],
    ['all', 'overdue', t('cases.view.overdue')],
  ] as const;
  const advisers = [...new Map(data.advisers.map((a) => [a.id, a])).values()];
  const categoryLabels = new Map(data.categories.map((c) => [c.key, c.label[lang]]));
  return (
    <Layout ctx={ctx} title={t('inbox.title')} wide>
      <h1 class="utrecht-heading-1">{t('inbox.title')}</h1>
      {notice && (
        <p class="utrecht-alert utrecht-alert--ok notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {save.error && <ErrorSummary errors={{ filterName: save.error }} t={t} />}
      {!data.hasTeams ? (
        <p>{t('inbox.noTeams')}</p>
      ) : (
        <>
          <p>
            <a href="/cases/new">{t('cases.inbox.register')}</a>
          </p>
          <nav aria-label={t('cases.views')}>
            <ul class="nav-tabs">
              {views.map(([view, deadline, label]) => {
                const current = query.view === view && query.deadline === deadline;
                return (
                  <li>
                    <a
                      href={queryString({ view, deadline })}
                      aria-current={current ? 'page' : undefined}
                    >
                      {label}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
          <SavedFilterLinks ctx={ctx} filters={savedFilters} />
          <p class="hint">{t('workspace.inbox.order')}</p>
          <details
            class="action"
            open={[query.status, query.category, query.adviser, query.year, query.q].some(
              (v) => v !== undefined,
            )}
          >
            <summary class="action__summary">{t('cases.filter.heading')}</summary>
            <form method="get" action="/cases" class="filters" aria-labelledby="filter-heading">
              <h2 id="filter-heading" class="visually-hidden">
                {t('cases.filter.heading')}
              </h2>
              <input type="hidden" name="view" value={query.view} />
              <SelectField
                name="status"
                label={t('cases.filter.status')}
                blank={t('cases.filter.any')}
                value={query.status}
                choices={CASE_STATUSES.map((s) => ({
                  value: s,
                  label: vocabLabel('status', s, lang),
                }))}
              />
              <SelectField
                name="category"
                label={t('cases.filter.category')}
                blank={t('cases.filter.any')}
                value={query.category}
                choices={data.categories.map((c) => ({ value: c.key, label: c.label[lang] }))}
              />
              <SelectField
                name="adviser"
                label={t('cases.filter.adviser')}
                blank={t('cases.filter.any')}
                value={query.adviser}
                choices={advisers.map((a) => ({ value: a.id, label: a.name }))}
              />
              <SelectField
                name="deadline"
                label={t('cases.filter.deadline')}
                blank={t('cases.filter.any')}
                value={query.deadline}
                choices={[
                  { value: 'due', label: t('cases.view.due') },
                  { value: 'overdue', label: t('cases.view.overdue') },
                ]}
              />
              <div class="form-field">
                <label for="field-year">{t('cases.filter.year')}</label>
                <input
                  type="text"
                  inputmode="numeric"
                  id="field-year"
                  name="year"
                  value={query.year ? String(query.year) : ''}
                />
              </div>
              <div class="form-field">
                <label for="field-q">{t('cases.filter.reference')}</label>
                <input type="text" id="field-q" name="q" value={query.q ?? ''} />
              </div>
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {t('cases.filter.apply')}
              </button>
            </form>
          </details>
          <SaveFilterForm ctx={ctx} query={query} save={save} />
          {data.entries.length === 0 ? (
            <p>{t('inbox.empty')}</p>
          ) : (
            // On a phone the table scrolls inside its own region instead of widening the page.
            <div class="report-table-wrap" role="region" aria-label={t('inbox.title')} tabindex={0}>
              <table class="data">
                <caption class="visually-hidden">{t('inbox.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('inbox.reference')}</th>
                    <th scope="col">{t('inbox.received')}</th>
                    <th scope="col">{t('inbox.category')}</th>
                    <th scope="col">{t('inbox.adviser')}</th>
                    <th scope="col">{t('cases.inbox.nextDue')}</th>
                    <th scope="col">{t('inbox.status')}</th>
                    <th scope="col">{t('protocols.link')}</th>
                    <th scope="col">{t('cases.conflict.heading')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e) => (
                    <tr
                      class={e.needsAttention ? 'row--attention' : undefined}
                      data-attention={e.needsAttention ? 'yes' : undefined}
                    >
                      <td>
                        <a href={`/cases/${e.id}`}>{e.reference}</a>
                        {e.isUrgent && (
                          <>
                            {' '}
                            <span
                              class="utrecht-badge-status badge--alert"
                              data-testid="inbox-urgent"
                            >
                              {t('workspace.summary.urgent')}
                            </span>
                          </>
                        )}
                        {e.isAnonymous && <> ({t('inbox.anonymous')})</>}
                        {e.isSupportCase && <> ({t('cases.inbox.support')})</>}
                        {e.isDormant && (
                          <>
                            {' '}
                            <abbr
                              class="marker"
                              title={t('cases.inbox.dormantHint')}
                              data-testid="dormant"
                            >
                              ({t('cases.inbox.dormant')})
                            </abbr>
                          </>
                        )}
                      </td>
                      <td>
                        <DateText value={e.receivedOn} lang={lang} />
                      </td>
                      <td>{categoryLabels.get(e.category) ?? e.category}</td>
                      <td>{e.adviserName ?? t('inbox.unassigned')}</td>
                      <td>
                        {e.nextDueOn ? <DateText value={e.nextDueOn} lang={lang} /> : '—'}
                        {e.isOverdue && (
                          <strong class="overdue"> {t('cases.inbox.overdue')}</strong>
                        )}
                      </td>
                      <td>{vocabLabel('status', e.status, lang)}</td>
                      <td data-testid="inbox-open-steps">
                        {e.openProtocolSteps === undefined
                          ? '—'
                          : e.openProtocolSteps === 0
                            ? t('protocols.allDone')
                            : t('protocols.openSteps', { count: e.openProtocolSteps })}
                      </td>
                      <td>
                        <ConflictForm ctx={ctx} caseId={e.id} reference={e.reference} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.nextCursor && (
            <p>
              <a href={queryString({ ...filters, after: data.nextCursor })} rel="next">
                {t('cases.inbox.next')}
              </a>
            </p>
          )}
        </>
      )}
    </Layout>
  );
}
