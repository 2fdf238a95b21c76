import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';

/** Which sign-in routes through the institution are configured (links on the login page). */
export interface SsoLinks {
  oidc: boolean;
  saml: boolean;
  /** Where one host serves several institutions: the choice of institution (decision 038). */
  choices?: { key: string; name: string }[];
}

export function LoginPage({
  ctx,
  email,
  errors,
  notice,
  sso,
}: {
  ctx: ViewContext;
  email?: string;
  errors: FieldErrors;
  notice?: string;
  sso?: SsoLinks;
}) {
  const { t } = ctx;
  const both = Boolean(sso?.oidc && sso.saml);
  return (
    <Layout ctx={ctx} title={t('login.title')}>
      <h1 class="utrecht-heading-1">{t('login.title')}</h1>
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} t={t} />
      {sso?.choices && sso.choices.length > 0 && (
        <form method="get" action="/login/institution" class="institution-choice">
          <h2 class="utrecht-heading-2">{t('sso.choose.title')}</h2>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="institution">
              {t('sso.choose.label')}
            </label>
            <select id="institution" name="institution" class="utrecht-select">
              {sso.choices.map((i) => (
                <option value={i.key}>{i.name}</option>
              ))}
            </select>
          </div>
          <SubmitButton>{t('sso.choose.submit')}</SubmitButton>
        </form>
      )}
      {(sso?.oidc || sso?.saml) && (
        <>
          <h2 class="utrecht-heading-2">{t('sso.title')}</h2>
          <ul class="utrecht-unordered-list" data-testid="sso-links">
            {sso.oidc && (
              <li>
                <a href="/sso/oidc/start">{both ? t('sso.linkOidc') : t('sso.link')}</a>
              </li>
            )}
            {sso.saml && (
              <li>
                <a href="/sso/saml/start">{both ? t('sso.linkSaml') : t('sso.link')}</a>
              </li>
            )}
          </ul>
        </>
      )}
      {(sso?.oidc || sso?.saml || (sso?.choices?.length ?? 0) > 0) && (
        <h2 class="utrecht-heading-2">{t('sso.withPassword')}</h2>
      )}
      <form method="post" action="/login" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="email"
          type="email"
          label={t('login.email')}
          value={email}
          autocomplete="username"
          error={errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('login.password')}
          autocomplete="current-password"
          error={errors.password}
        />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </form>
      <p>
        <a href="/login/forgot">{t('login.forgot')}</a>
      </p>
    </Layout>
  );
}

interface SetupProps {
  ctx: ViewContext;
  token: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

export function SetupPage({ ctx, token, values, errors }: SetupProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('setup.title')}>
      <h1 class="utrecht-heading-1">{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={`/setup/${token}`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="displayName"
          label={t('setup.name')}
          value={values.displayName}
          autocomplete="name"
          error={errors.displayName}
        />
        <TextField
          name="email"
          type="email"
          label={t('login.email')}
          value={values.email}
          autocomplete="username"
          error={errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('login.password')}
          hint={t('setup.passwordHint')}
          autocomplete="new-password"
          error={errors.password}
        />
        <SubmitButton>{t('setup.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** Error and notice pages; a visitor without a staff session gets the public page's emergency numbers and quick exit. */
export function MessagePage({
  ctx,
  title,
  message,
}: {
  ctx: ViewContext;
  title: string;
  message: string;
}) {
  return (
    <Layout ctx={ctx} title={title} isPublic={!ctx.user}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{ctx.t('error.back')}</a>
      </p>
    </Layout>
  );
}
