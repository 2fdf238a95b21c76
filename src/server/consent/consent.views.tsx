import { CONSENT_INFO, CONSENT_PURPOSES, OBTAINED_VIA, RECIPIENT_KINDS } from '../../domain/consent.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, RadioGroup, SubmitButton, TextArea, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { ConsentEntry, OverrideEntry } from './consent.presenter.js';
import { IdentityAccessSection, type IdentityGrant } from './identity-access.views.js';

const label = (t: Translate, group: string, key: string) => t(`consent.${group}.${key}` as MessageKey);
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function choices(t: Translate, group: string, keys: readonly string[]) {
  return keys.map((k) => ({ value: k, label: label(t, group, k) }));
}

/** The ledger table; the reporter's mailbox shows it too (without notes and names). */
export function ConsentLedgerTable({ t, consents, withdrawAction }: { t: Translate; consents: ConsentEntry[]; withdrawAction?: (id: string) => string }) {
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
            <td>{label(t, 'info', c.info)}{c.note && <small class="hint"> — {c.note}</small>}</td>
            <td>{label(t, 'kind', c.recipientKind)}: {c.recipient}</td>
            <td>{label(t, 'purpose', c.purpose)}</td>
            <td>{when(c.grantedAt)}{c.recordedByName && <> ({c.recordedByName})</>}</td>
            <td>{label(t, 'via', c.obtainedVia)}</td>
            <td>
              {c.withdrawnAt ? t('consent.withdrawnAt', { date: when(c.withdrawnAt) }) : t('consent.active')}
              {c.shares.map((u) => <><br />{t('consent.sharedOn', { date: u.sharedOn, recipient: u.recipient })}</>)}
              {!c.withdrawnAt && withdrawAction && <WithdrawForm t={t} id={c.id} action={withdrawAction(c.id)} />}
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
        {OBTAINED_VIA.map((v) => <option value={v}>{label(t, 'via', v)}</option>)}
      </select>{' '}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t('consent.withdraw')}</button>
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
}

export function ConsentPage({ ctx, caseId, reference, consents, overrides, identityGrants, values, errors, notice }: ConsentPageProps) {
  const { t } = ctx;
  const base = `/cases/${caseId}`;
  return (
    <Layout ctx={ctx} title={`${t('consent.title')} ${reference}`}>
      <h1 class="utrecht-heading-1">{t('consent.title')} {reference}</h1>
      {notice && <p class="panel" role="status">{notice}</p>}
      <ErrorSummary errors={errors} t={t} />
      <p>{t('consent.intro')}</p>
      <ConsentLedgerTable t={t} consents={consents} withdrawAction={(id) => `${base}/consents/${id}/withdraw`} />
      <h2>{t('consent.add')}</h2>
      <form method="post" action={`${base}/consents`} novalidate>
        <CsrfField ctx={ctx} />
        <ShareFields t={t} values={values} errors={errors} />
        <RadioGroup name="obtainedVia" label={t('consent.obtainedVia')} error={errors.obtainedVia} value={values.obtainedVia} choices={choices(t, 'via', OBTAINED_VIA)} />
        <TextArea name="note" label={t('consent.note')} error={errors.note} value={values.note} />
        <SubmitButton>{t('consent.add')}</SubmitButton>
      </form>
      <h2>{t('consent.overrides')}</h2>
      <p>{t('consent.overrideIntro')}</p>
      {overrides.length > 0 && (
        <ul>
          {overrides.map((o) => (
            <li>
              {label(t, 'info', o.info)} → {label(t, 'kind', o.recipientKind)}: {o.recipient} ({label(t, 'purpose', o.purpose)}), {when(o.recordedAt)},{' '}
              {o.recordedByName}. {t('consent.overrideUntil')} {when(o.expiresAt)}. {o.reason}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${base}/overrides`} novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend class="visually-hidden">{t('consent.overrides')}</legend>
          <OverrideFields t={t} />
        </fieldset>
        <SubmitButton>{t('consent.overrideAdd')}</SubmitButton>
      </form>
      <IdentityAccessSection ctx={ctx} base={base} grants={identityGrants} errors={errors} />
    </Layout>
  );
}

function ShareFields({ t, values, errors }: { t: Translate; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <>
      <RadioGroup name="info" label={t('consent.info')} error={errors.info} value={values.info} choices={choices(t, 'info', CONSENT_INFO)} />
      <RadioGroup name="recipientKind" label={t('consent.recipientKind')} error={errors.recipientKind} value={values.recipientKind} choices={choices(t, 'kind', RECIPIENT_KINDS)} />
      <TextField name="recipient" label={t('consent.recipient')} hint={t('consent.recipientHint')} error={errors.recipient} value={values.recipient} />
      <RadioGroup name="purpose" label={t('consent.purpose')} error={errors.purpose} value={values.purpose} choices={choices(t, 'purpose', CONSENT_PURPOSES)} />
    </>
  );
}

/** The override form uses its own ids (suffix -o) so that both forms can share the page. */
function OverrideFields({ t }: { t: Translate }) {
  const select = (name: string, group: string, keys: readonly string[], text: string) => (
    <div class="form-field">
      <label for={`o-${name}`}>{text}</label>
      <select id={`o-${name}`} name={name}>
        {keys.map((k) => <option value={k}>{label(t, group, k)}</option>)}
      </select>
    </div>
  );
  return (
    <>
      {select('info', 'info', CONSENT_INFO, t('consent.info'))}
      {select('recipientKind', 'kind', RECIPIENT_KINDS, t('consent.recipientKind'))}
      <div class="form-field">
        <label for="o-recipient">{t('consent.recipient')}</label>
        <input id="o-recipient" name="recipient" type="text" autocomplete="off" />
      </div>
      {select('purpose', 'purpose', CONSENT_PURPOSES, t('consent.purpose'))}
      <div class="form-field">
        <label for="o-reason">{t('consent.overrideReason')}</label>
        <textarea id="o-reason" name="reason"></textarea>
      </div>
    </>
  );
}
