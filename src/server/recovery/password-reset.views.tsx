import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';

/** Asks for the address; answers the same whether or not an account belongs to it. */
export function ForgotPasswordPage({
  ctx,
  email,
  errors,
  notice,
}: {
  ctx: ViewContext;
  email?: string;
  errors: FieldErrors;
  notice?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('passwordReset.title')}>
      <h1 class="utrecht-heading-1">{t('passwordReset.title')}</h1>
      {notice && (
        <p class="panel" role="status" data-testid="reset-sent">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} t={t} />
      <p>{t('passwordReset.intro')}</p>
      <p>{t('passwordReset.ssoHint')}</p>
      <form method="post" action="/login/forgot" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="email"
          type="email"
          label={t('login.email')}
          value={email}
          autocomplete="username"
          error={errors.email}
        />
        <SubmitButton>{t('passwordReset.submit')}</SubmitButton>
      </form>
      <p>
        <a href="/login">{t('passwordReset.backToLogin')}</a>
      </p>
    </Layout>
  );
}

export function NewPasswordPage({
  ctx,
  token,
  email,
  errors,
}: {
  ctx: ViewContext;
  token: string;
  email: string;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('passwordReset.newTitle')}>
      <h1 class="utrecht-heading-1">{t('passwordReset.newTitle')}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>{t('passwordReset.newIntro', { email })}</p>
      <form method="post" action={`/login/reset/${token}`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="password"
          type="password"
          label={t('passwordReset.newPassword')}
          hint={t('setup.passwordHint')}
          autocomplete="new-password"
          error={errors.password}
        />
        <TextField
          name="confirm"
          type="password"
          label={t('passwordReset.confirm')}
          autocomplete="new-password"
          error={errors.confirm}
        />
        <SubmitButton>{t('passwordReset.save')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** An unknown, expired or used link: says so, and offers a new one. */
export function InvalidResetLinkPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('passwordReset.newTitle')}>
      <h1 class="utrecht-heading-1">{t('passwordReset.newTitle')}</h1>
      <p data-testid="reset-invalid">{t('passwordReset.invalid')}</p>
      <p>
        <a href="/login/forgot">{t('passwordReset.requestAgain')}</a>
      </p>
    </Layout>
  );
}
