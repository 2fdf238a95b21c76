import { Layout } from '../../ui/layout.js';
import { ErrorSummary, RadioGroup, SubmitButton, TextField, CsrfField } from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import { DateField, SelectField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { CONSENT_INFO } from '../../domain/consent.js';
import type { Partner } from '../admin/partners.service.js';
import type { FormState } from '../../ui/form.js';
import type { ReferralEntry } from './referrals.service.js';

export function ReferralsPage({
  ctx,
  caseId,
  reference,
  list,
  partners,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  list: ReferralEntry[];
  partners: Partner[];
  form: FormState;
}) {
  const { t, lang } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const v = form.values as Record<string, string>;
  const title = t('referrals.title', { reference });
  const name = (key: string) => partners.find((p) => p.key === key)?.name[lang] ?? key;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      {list.length === 0 ? (
        <p>{t('referrals.none')}</p>
      ) : (
        <ul data-testid="referrals">
          {list.map((r) => (
            <li>
              {formatLongDate(r.referredOn, lang)}: {name(r.partner)} —{' '}
              {k(`consent.info.${r.info}`)} ({k(`referrals.basis.${r.basis}`)}) —{' '}
              {r.isWarm ? t('referrals.warm') : t('referrals.cold')}
              {r.outcome ? (
                <p>
                  {t('referrals.outcome')}: {r.outcome}
                </p>
              ) : (
                <form
                  method="post"
                  action={`/cases/${caseId}/referrals/${r.id}/outcome`}
                  novalidate
                >
                  <CsrfField token={ctx.csrfToken} />
                  <TextField
                    name={`outcome-${r.id}`}
                    label={`${t('referrals.outcome')} (${name(r.partner)})`}
                  />
                  <SubmitButton>{t('referrals.outcomeSubmit')}</SubmitButton>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('referrals.directory')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('referrals.partner')}</th>
            <th scope="col">{t('referrals.kind')}</th>
            <th scope="col">{t('referrals.phone')}</th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => (
            <tr>
              <td>{p.name[lang]}</td>
              <td>{k(`referrals.kind.${p.kind}`)}</td>
              <td>{p.phone ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('referrals.add')}</h2>
      <form method="post" action={`/cases/${caseId}/referrals`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="partner"
          label={t('referrals.partner')}
          value={v.partner}
          error={form.errors.partner}
          blank=""
          choices={partners.map((p) => ({ value: p.key, label: p.name[lang] }))}
        />
        <SelectField
          name="info"
          label={t('referrals.info')}
          hint={t('referrals.infoHint')}
          value={v.info}
          error={form.errors.info}
          blank=""
          choices={CONSENT_INFO.map((x) => ({ value: x, label: k(`consent.info.${x}`) }))}
        />
        <RadioGroup
          name="warmHandover"
          label={t('referrals.warmQuestion')}
          value={v.warmHandover}
          error={form.errors.warmHandover}
          choices={[
            { value: 'yes', label: t('referrals.warm') },
            { value: 'no', label: t('referrals.cold') },
          ]}
        />
        <DateField
          name="referredOn"
          label={t('referrals.referredOn')}
          value={v.referredOn}
          error={form.errors.referredOn}
        />
        <SubmitButton>{t('referrals.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
