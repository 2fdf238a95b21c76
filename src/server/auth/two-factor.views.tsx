import { raw } from 'hono/html';
import { formatDateTime } from '../../ui/dates.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { WebauthnButton, WebauthnKeys, WebauthnOffer, type KeyEntry } from './webauthn.views.js';

/** `webauthn`: the user has a key; `canUseKeys`: the base URL lets browsers use one (not an IP address). */
export function SecondFactorPage({
  ctx,
  errors,
  webauthn = false,
  canUseKeys,
}: {
  ctx: ViewContext;
  errors: FieldErrors;
  webauthn?: boolean;
  canUseKeys: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('twofa.title')}>
      <h1 class="utrecht-heading-1">{t('twofa.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/login/two-factor" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="code"
          label={t('twofa.code')}
          hint={t('twofa.codeHint')}
          autocomplete="one-time-code"
          error={errors.code}
        />
        <SubmitButton>{t('twofa.submit')}</SubmitButton>
      </form>
      {webauthn && (
        <WebauthnButton
          ctx={ctx}
          mode="authenticate"
          label={t('webauthn.useKey')}
          canUseKeys={canUseKeys}
        />
      )}
    </Layout>
  );
}

/** Enrolment: the key as a QR code drawn on the server (SVG, no script), as text, and as an otpauth link. */
export function EnrolForm({
  ctx,
  secret,
  uri,
  qrSvg,
  action,
  errors,
  canUseKeys,
}: {
  ctx: ViewContext;
  secret: string;
  uri: string;
  qrSvg?: string;
  action: string;
  errors: FieldErrors;
  canUseKeys: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      <ErrorSummary errors={errors} t={t} />
      <p>{t('twofa.enrolIntro')}</p>
      {canUseKeys && <p>{t('twofa.enrolKeyAfter')}</p>}
      <div class="totp-key">
        {qrSvg && (
          <figure class="totp-key__qr">
            {raw(qrSvg)}
            <figcaption>{t('workspace.twofa.qrCaption')}</figcaption>
          </figure>
        )}
        <p>
          {t('twofa.secret')}:{' '}
          <code class="receipt" data-testid="totp-secret">
            {secret.match(/.{1,4}/g)!.join(' ')}
          </code>
        </p>
      </div>
      <p>
        <a href={uri}>{t('twofa.uri')}</a>
      </p>
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="code"
          label={t('twofa.code')}
          hint={t('twofa.codeHint')}
          autocomplete="one-time-code"
          error={errors.code}
        />
        <SubmitButton>{t('twofa.confirm')}</SubmitButton>
      </form>
    </>
  );
}

export function EnrolPage(props: {
  ctx: ViewContext;
  secret: string;
  uri: string;
  qrSvg?: string;
  errors: FieldErrors;
  canUseKeys: boolean;
}) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('twofa.enrolTitle')}>
      <h1 class="utrecht-heading-1">{t('twofa.enrolTitle')}</h1>
      <EnrolForm {...props} action="/login/two-factor/enrol" />
    </Layout>
  );
}

export function RecoveryCodesPage({
  ctx,
  codes,
  canUseKeys,
}: {
  ctx: ViewContext;
  codes: string[];
  canUseKeys: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('twofa.recoveryTitle')}>
      <h1 class="utrecht-heading-1">{t('twofa.recoveryTitle')}</h1>
      <p>{t('twofa.recoveryIntro')}</p>
      <ul data-testid="recovery-codes">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <WebauthnOffer ctx={ctx} canUseKeys={canUseKeys} />
      <p>
        <a class="utrecht-button-link utrecht-button-link--primary-action" href="/cases">
          {t('twofa.continue')}
        </a>
      </p>
    </Layout>
  );
}

interface SessionEntry {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
}

export function AccountSecurityPage(props: {
  ctx: ViewContext;
  enrolled: boolean;
  secret?: string;
  uri?: string;
  qrSvg?: string;
  keys?: KeyEntry[];
  canUseKeys: boolean;
  sessions: SessionEntry[];
  errors: FieldErrors;
  notice?: string;
  sso?: { oidc: boolean; saml: boolean };
}) {
  const { ctx, enrolled, secret, uri, qrSvg, keys, canUseKeys, sessions, errors, notice, sso } =
    props;
  const { t } = ctx;
  const when = (d: Date) => formatDateTime(d, ctx.lang);
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <h1 class="utrecht-heading-1">{t('account.title')}</h1>
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      <h2>{t('twofa.title')}</h2>
      {enrolled || !secret || !uri ? (
        <p>{t('twofa.enabled')}</p>
      ) : (
        <EnrolForm
          ctx={ctx}
          secret={secret}
          uri={uri}
          qrSvg={qrSvg}
          action="/account/two-factor"
          errors={errors}
          canUseKeys={canUseKeys}
        />
      )}
      {enrolled && keys && <WebauthnKeys ctx={ctx} keys={keys} canUseKeys={canUseKeys} />}
      {sso && (sso.oidc || sso.saml) && <SsoLinkForms ctx={ctx} sso={sso} />}
      <h2>{t('account.sessions')}</h2>
      <table class="data">
        <caption class="visually-hidden">{t('account.sessions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.sessionStarted')}</th>
            <th scope="col">{t('account.sessionLastSeen')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('account.revoke')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr>
              <td>
                {when(s.createdAt)}
                {s.isCurrent && <> ({t('account.sessionCurrent')})</>}
              </td>
              <td>{when(s.lastSeenAt)}</td>
              <td>
                <form method="post" action={`/account/sessions/${s.id}/revoke`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="link-button">
                    {t('account.revoke')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** The explicit step that links an institution account (decision 024): a CSRF-protected form per protocol. */
function SsoLinkForms({ ctx, sso }: { ctx: ViewContext; sso: { oidc: boolean; saml: boolean } }) {
  return (
    <>
      <h2>{ctx.t('sso.linkTitle')}</h2>
      <p>{ctx.t('sso.linkIntro')}</p>
      {(['oidc', 'saml'] as const)
        .filter((p) => sso[p])
        .map((p) => (
          <form method="post" action={`/account/sso/${p}/link`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {ctx.t(p === 'oidc' ? 'sso.linkStartOidc' : 'sso.linkStartSaml')}
            </button>
          </form>
        ))}
    </>
  );
}

export function AdminSecurityPage({
  ctx,
  required,
  notice,
}: {
  ctx: ViewContext;
  required: boolean;
  notice?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('security.adminTitle')}>
      <h1 class="utrecht-heading-1">{t('security.adminTitle')}</h1>
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      <form method="post" action="/admin/security" novalidate>
        <CsrfField ctx={ctx} />
        <RadioGroup
          name="requireTwoFactor"
          label={t('security.requireTwoFactor')}
          value={required ? 'yes' : 'no'}
          choices={[
            { value: 'yes', label: t('security.requireYes') },
            { value: 'no', label: t('security.requireNo') },
          ]}
        />
        <SubmitButton>{t('security.save')}</SubmitButton>
      </form>
    </Layout>
  );
}
