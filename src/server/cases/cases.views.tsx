import { findCategory } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import { Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import type { CaseView, InboxEntry } from './cases.presenter.js';

export function InboxPage({ ctx, entries, hasTeams }: { ctx: ViewContext; entries: InboxEntry[]; hasTeams: boolean }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('inbox.title')}>
      <h1 class="utrecht-heading-1">{t('inbox.title')}</h1>
      {!hasTeams ? (
        <p>{t('inbox.noTeams')}</p>
      ) : entries.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t('inbox.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.reference')}</th>
              <th scope="col">{t('inbox.received')}</th>
              <th scope="col">{t('inbox.category')}</th>
              <th scope="col">{t('inbox.status')}</th>
              <th scope="col">{t('inbox.adviser')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  <a href={`/cases/${e.id}`}>{e.reference}</a>
                  {e.isAnonymous && <> ({t('inbox.anonymous')})</>}
                </td>
                <td>{e.receivedOn}</td>
                <td>{findCategory(e.category)?.label[lang] ?? e.category}</td>
                <td>{vocabLabel('status', e.status, lang)}</td>
                <td>{e.adviserName ?? t('inbox.unassigned')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function CasePage({ ctx, view }: { ctx: ViewContext; view: CaseView }) {
  const { t, lang } = ctx;
  const category = findCategory(view.category);
  const subtype = category?.subtypes.find((s) => s.key === view.subtype);
  const none = t('case.none');
  const rows: [string, string][] = [
    [t('inbox.received'), view.receivedOn],
    [t('inbox.status'), vocabLabel('status', view.status, lang)],
    [t('inbox.category'), [category?.label[lang] ?? view.category, subtype?.label[lang]].filter(Boolean).join(' — ')],
    [t('case.channel'), vocabLabel('channel', view.channel, lang)],
    [t('case.via'), vocabLabel('via', view.via, lang)],
    [t('case.reporterRole'), vocabLabel('role', view.reporterRole, lang)],
    [t('case.accusedRole'), vocabLabel('role', view.accusedRole, lang)],
    [t('case.location'), vocabLabel('location', view.location, lang)],
    [t('case.goal'), view.reporterGoal ? vocabLabel('goal', view.reporterGoal, lang) : none],
    [t('inbox.adviser'), view.adviserName ?? t('inbox.unassigned')],
    [t('case.ackDue'), view.ackDueOn ?? none],
    [t('case.feedbackDue'), view.feedbackDueOn ?? none],
  ];
  return (
    <Layout ctx={ctx} title={t('case.title', { reference: view.reference })}>
      <h1 class="utrecht-heading-1">{t('case.title', { reference: view.reference })}</h1>
      <section aria-labelledby="reporter-heading">
        <h2 id="reporter-heading">{t('case.reporter')}</h2>
        <p>{view.reporter ? `${view.reporter.name} — ${view.reporter.contact}` : t('case.reporterAnonymous')}</p>
      </section>
      <section aria-labelledby="narrative-heading">
        <h2 id="narrative-heading">{t('case.narrative')}</h2>
        <p class="narrative" data-testid="narrative">{view.narrative}</p>
      </section>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('case.details')}</h2>
        <dl class="details">
          {rows.map(([term, value]) => (
            <>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </>
          ))}
        </dl>
      </section>
    </Layout>
  );
}
