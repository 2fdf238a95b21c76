import { Layout } from '../../ui/layout.js';
import { SubmitButton, TextField } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { AuditView } from '../audit/audit-viewer.service.js';

export function AuditPage({
  ctx,
  view,
  caseId,
}: {
  ctx: ViewContext;
  view: AuditView;
  caseId?: string;
}) {
  const { t } = ctx;
  const { chain, events } = view;
  return (
    <Layout ctx={ctx} title={t('audit.title')}>
      <h1 class="utrecht-heading-1">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <p class="panel" role="status" data-testid="chain">
        {chain.ok
          ? t('audit.chainOk', { count: chain.checked })
          : t('audit.chainBroken', { id: chain.brokenAt ?? '?' })}
      </p>
      <form method="get" action="/audit">
        <TextField name="case" label={t('audit.filterCase')} value={caseId} />
        <SubmitButton>{t('audit.filter')}</SubmitButton>
      </form>
      {events.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.type')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.case')}</th>
              <th scope="col">{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td>{e.occurredAt.toISOString().slice(0, 19).replace('T', ' ')}</td>
                <td>{e.type}</td>
                <td>{e.actor}</td>
                <td>
                  {e.caseId ? (
                    <a href={`/audit?case=${e.caseId}`}>{e.reference ?? e.caseId}</a>
                  ) : (
                    ''
                  )}
                </td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
