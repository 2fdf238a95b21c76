import { CONSENT_INFO, CONSENT_PURPOSES, OBTAINED_VIA } from '../../domain/consent.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import { formatDateTime, formatLongDate } from '../../ui/dates.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  type FieldErrors,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { ConsentEntry, OverrideEntry } from './consent.presenter.js';
import { IdentityAccessSection, type IdentityGrant } from './identity-access.views.js';
import { RecipientSelect } from './recipient-select.js';
import type { RecipientChoices } from './recipients.service.js';
import type { Lang } from '../../domain/taxonomy.js';

const label = (t: Translate, group: string, key: string) =>
  t(`consent.${group}.${key}` as MessageKey);
const when = (d: Date, lang: Lang) => formatDateTime(d, lang);

function choices(t: Translate, group: string, keys: readonly string[]) {
  return keys.map((k) => ({ value: k, label: label(t, group, k) }));
}

/** The ledger table; the reporter's mailbox shows it too (without notes and names). */
export function ConsentLedgerTable({
  t,
  lang,
  consents,
  withdrawAction,
}: {
  t: Translate;
  lang: Lang;
  consents: ConsentEntry[];
  withdrawAction?: (id: string) => string;
}) {
  if (consents.length === 0) return <p>{t('consent.empty')}</p>;
  return (
    <table class="data">
      <caption class="visually-hidden">{t('consent.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('consent.info')}</th>
          <th scope="col">{t('consent.recipient')}</th>
          <th scope="col">{t('consent.purpose')}</th>
          <th scope="col">{t('consent.grantedAt')}</th>
          <th scope="col">{t('consent.obtainedVia')}</th>
          <th scope="col">{t('consent.status')}</th>
        </tr>
      </thead>
      <tbody>
        {consents.map((c) => (
          <tr>
            <td>
              {label(t, 'info', c.info)}
              {c.note && <small class="hint"> — {c.note}</small>}
            </td>
            <td>
              {label(t, 'kind', c.recipientKind)}: {c.recipient}
            </td>
            <td>{label(t, 'purpose', c.purpose)}</td>
            <td>
              {when(c.grantedAt, lang)}
              {c.recordedByName && <> ({c.recordedByName})</>}
            </td>
            <td>{label(t, 'via', c.obtainedVia)}</td>
            <td>
              {c.withdrawnAt
                ? t('consent.withdrawnAt', { date: when(c.withdrawnAt, lang) })
                : t('consent.active')}
              {c.shares.map((u) => (
                <>
                  <br />
                  {t('consent.sharedOn', {
                    date: formatLongDate(u.sharedOn, lang),
                    recipient: u.recipient,
                  })}
                </>
              ))}
              {!c.withdrawnAt && withdrawAction && (
                <WithdrawForm t={t} id={c.id} action={withdrawAction(c.id)} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WithdrawForm({ t, id, action }: { t: Translate; id: string; action: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <label for={`via-${id}`}>{t('consent.withdrawVia')}</label>{' '}
      <select id={`via-${id}`} name="withdrawVia">
        {OBTAINED_VIA.map((v) => (
          <option value={v}>{label(t, 'via', v)}</option>
        ))}
      </select>{' '}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {t('consent.withdraw')}
      </button>
    </form>
  );
}

interface ConsentPageProps {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  consents: ConsentEntry[];
  overrides: OverrideEntry[];
  identityGrants: IdentityGrant[];
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string;
  /** The referral directory, roles and people to choose a recipient from (issue 19). */
  recipients: RecipientChoices;
}

export function ConsentPage({
  ctx,
  caseId,
  reference,
  consents,
  overrides,
  identityGrants,
  values,
  errors,
  notice,
  recipients,
}: ConsentPageProps) {
  const { t, lang } = ctx;
  const base = `/cases/${caseId}`;
  return (
    <Layout ctx={ctx} title={`${t('consent.title')} ${reference}`}>
      <h1 class="utrecht-heading-1">
        {t('consent.title')} {reference}
      </h1>
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} t={t} />
      <p>{t('consent.intro')}</p>
      <ConsentLedgerTable
        t={t}
        lang={lang}
        consents={consents}
        withdrawAction={(id) => `${base}/consents/${id}/withdraw`}
      />
      <h2>{t('consent.add')}</h2>
      <form method="post" action={`${base}/consents`} novalidate>
        <CsrfField ctx={ctx} />
        <ShareFields t={t} lang={lang} recipients={recipients} values={values} errors={errors} />
        <RadioGroup
          name="obtainedVia"
          label={t('consent.obtainedVia')}
          error={errors.obtainedVia}
          value={values.obtainedVia}
          choices={choices(t, 'via', OBTAINED_VIA)}
        />
        <TextArea name="note" label={t('consent.note')} error={errors.note} value={values.note} />
        <SubmitButton>{t('consent.add')}</SubmitButton>
      </form>
      <h2>{t('consent.overrides')}</h2>
      <p>{t('consent.overrideIntro')}</p>
      {overrides.length > 0 && (
        <ul>
          {overrides.map((o) => (
            <li>
              {label(t, 'info', o.info)} → {label(t, 'kind', o.recipientKind)}: {o.recipient} (
              {label(t, 'purpose', o.purpose)}), {when(o.recordedAt, lang)}, {o.recordedByName}.{' '}
              {t('consent.overrideUntil')} {when(o.expiresAt, lang)}. {o.reason}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${base}/overrides`} novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend class="visually-hidden">{t('consent.overrides')}</legend>
          <OverrideFields t={t} lang={lang} recipients={recipients} />
        </fieldset>
        <SubmitButton>{t('consent.overrideAdd')}</SubmitButton>
      </form>
      <IdentityAccessSection
        ctx={ctx}
        base={base}
        grants={identityGrants}
        errors={errors}
        people={recipients.people}
      />
    </Layout>
  );
}

function ShareFields({
  t,
  lang,
  recipients,
  values,
  errors,
}: {
  t: Translate;
  lang: Lang;
  recipients: RecipientChoices;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return (
    <>
      <RadioGroup
        name="info"
        label={t('consent.info')}
        error={errors.info}
        value={values.info}
        choices={choices(t, 'info', CONSENT_INFO)}
      />
      <RecipientSelect
        t={t}
        lang={lang}
        id="field-recipient"
        name="recipient"
        label={t('consent.recipient')}
        choices={recipients}
        error={errors.recipient}
        value={
          values.recipientKind ? `${values.recipientKind}:${values.recipient}` : values.recipient
        }
      />
      <RadioGroup
        name="purpose"
        label={t('consent.purpose')}
        error={errors.purpose}
        value={values.purpose}
        choices={choices(t, 'purpose', CONSENT_PURPOSES)}
      />
    </>
  );
}

/** The override form uses its own ids (suffix -o) so that both forms can share the page. */
function OverrideFields({
  t,
  lang,
  recipients,
}: {
  t: Translate;
  lang: Lang;
  recipients: RecipientChoices;
}) {
  const select = (name: string, group: string, keys: readonly string[], text: string) => (
    <div class="form-field">
      <label for={`o-${name}`}>{text}</label>
      <select id={`o-${name}`} name={name}>
        {keys.map((k) => (
          <option value={k}>{label(t, group, k)}</option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      {select('info', 'info', CONSENT_INFO, t('consent.info'))}
      <RecipientSelect
        t={t}
        lang={lang}
        id="o-recipient"
        name="recipient"
        label={t('consent.recipient')}
        choices={recipients}
      />
      {select('purpose', 'purpose', CONSENT_PURPOSES, t('consent.purpose'))}
      <div class="form-field">
        <label for="o-reason">{t('consent.overrideReason')}</label>
        <textarea id="o-reason" name="reason"></textarea>
      </div>
    </>
  );
}
