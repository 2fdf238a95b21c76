import { CsrfField } from '../../ui/layout.js';
import { Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';

export function AcceptInvitePage(props: {
  ctx: ViewContext;
  token: string;
  email: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { ctx, token, email, values, errors } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('invite.title')}>
      <h1 class="utrecht-heading-1">{t('invite.title')}</h1>
      <p>{t('invite.intro', { email })}</p>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={`/invite/${token}`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="displayName"
          label={t('setup.name')}
          value={values.displayName}
          autocomplete="name"
          error={errors.displayName}
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
