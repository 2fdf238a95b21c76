import { CsrfField } from '../../ui/layout.js';
import {
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
  CheckboxGroup,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { API_SCOPES, type ApiTokenInfo } from './api-tokens.service.js';
import { AdminPage } from '../admin/admin.components.js';
import { teamName } from '../admin/admin.views.js';
import type { TeamSettings } from '../admin/teams.admin.service.js';

type Props = {
  ctx: ViewContext;
  team: TeamSettings;
  tokens: ApiTokenInfo[];
  form: { values: Record<string, string>; errors: FieldErrors; scopes: string[] };
  newToken?: string;
};

export function TokensPage({ ctx, team, tokens, form, newToken }: Props) {
  const { t } = ctx;
  const base = `/admin/teams/${team.id}/tokens`;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={t('admin.nav.tokens')}
    >
      <p>{t('admin.token.intro')}</p>
      {newToken && (
        <div class="panel" role="status">
          <p>{t('admin.token.shownOnce')}</p>
          <p class="receipt" data-testid="api-token">
            {newToken}
          </p>
        </div>
      )}
      <table class="data">
        <caption class="visually-hidden">{t('admin.nav.tokens')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.token.name')}</th>
            <th scope="col">{t('admin.token.scopes')}</th>
            <th scope="col">{t('admin.user.status')}</th>
            <th scope="col">{t('admin.token.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => (
            <tr>
              <td>{tok.name}</td>
              <td>{tok.scopes.join(', ')}</td>
              <td>{t(tok.isRevoked ? 'admin.token.revoked' : 'admin.user.active')}</td>
              <td>
                {!tok.isRevoked && (
                  <form method="post" action={`${base}/${tok.id}/revoke`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="link-button">
                      {t('admin.token.revoke')} <span class="visually-hidden">{tok.name}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="utrecht-heading-2">{t('admin.token.create')}</h2>
      <ErrorSummary errors={form.errors} t={t} />
      <form method="post" action={base} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="name"
          label={t('admin.token.name')}
          value={form.values.name}
          error={form.errors.name}
        />
        <CheckboxGroup
          name="scopes"
          legend={t('admin.token.scopes')}
          choices={API_SCOPES.map((s) => ({ value: s, label: t(`admin.token.scope.${s}`) }))}
          checked={form.scopes}
          error={form.errors.scopes}
        />
        <SubmitButton>{t('admin.token.create')}</SubmitButton>
      </form>
    </AdminPage>
  );
}
