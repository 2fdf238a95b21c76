import { CsrfField } from '../../ui/layout.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
  CheckboxGroup,
} from '../../ui/form.js';
import { ROLES } from '../../domain/roles.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ViewContext } from '../http/env.js';
import { AdminPage } from './admin.components.js';
import { teamName } from './admin.views.js';
import type { TeamSettings } from './teams.admin.service.js';
import { INVITE_DAYS, type TeamUser } from './users.admin.service.js';
import type { AdviserProfile } from './advisers.service.js';

type Form = { values: Record<string, string>; errors: FieldErrors };
type Base = { ctx: ViewContext; team: TeamSettings; notice?: string };

const roleLabel = (role: string) => `admin.role.${role}` as MessageKey;

export function UsersPage({
  ctx,
  team,
  users,
  form,
  notice,
  hasMail = true,
  setupLink,
}: Base & {
  users: TeamUser[];
  form: Form & { roles: string[] };
  hasMail?: boolean;
  setupLink?: string;
}) {
  const { t } = ctx;
  const base = `/admin/teams/${team.id}/users`;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={t('admin.nav.users')}
      notice={notice}
    >
      {setupLink && (
        <section
          class="panel"
          role="status"
          aria-labelledby="setup-link-heading"
          data-testid="setup-link"
        >
          <h2 id="setup-link-heading" class="utrecht-heading-2">
            {t('workspace.invite.linkTitle')}
          </h2>
          <p>{t('workspace.invite.linkText', { days: INVITE_DAYS })}</p>
          <p>
            <code class="setup-link">{setupLink}</code>
          </p>
        </section>
      )}
      <table class="data">
        <caption class="visually-hidden">{t('admin.nav.users')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.user.name')}</th>
            <th scope="col">{t('admin.user.email')}</th>
            <th scope="col">{t('admin.user.roles')}</th>
            <th scope="col">{t('admin.user.status')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>
                <a href={`${base}/${u.id}`}>{u.displayName}</a>
              </td>
              <td>{u.email}</td>
              <td>{u.roles.map((r) => t(roleLabel(r))).join(', ')}</td>
              <td>{t(u.isActive ? 'admin.user.active' : 'admin.user.inactive')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="utrecht-heading-2">{t('admin.user.invite')}</h2>
      <ErrorSummary errors={form.errors} t={t} />
      {!hasMail && <p class="hint">{t('workspace.invite.noMail')}</p>}
      <form method="post" action={`${base}/invite`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="displayName"
          label={t('admin.user.name')}
          value={form.values.displayName}
          error={form.errors.displayName}
        />
        <TextField
          name="email"
          type="email"
          label={t('admin.user.email')}
          value={form.values.email}
          error={form.errors.email}
        />
        <RadioGroup
          name="locale"
          label={t('admin.user.locale')}
          value={form.values.locale ?? 'nl'}
          error={form.errors.locale}
          choices={[
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
        />
        <CheckboxGroup
          name="roles"
          legend={t('admin.user.roles')}
          choices={ROLES.map((r) => ({ value: r, label: t(roleLabel(r)) }))}
          checked={form.roles}
          error={form.errors.roles}
        />
        <SubmitButton>
          {t(hasMail ? 'admin.user.sendInvite' : 'workspace.invite.create')}
        </SubmitButton>
      </form>
    </AdminPage>
  );
}

export function UserPage(
  props: Base & {
    user: TeamUser;
    profile?: AdviserProfile;
    form: Form & { roles: string[] };
    twoFactor: { totp: boolean; keys: number };
    isSelf: boolean;
  },
) {
  const { ctx, team, user, profile, form, notice, twoFactor, isSelf } = props;
  const { t } = ctx;
  const base = `/admin/teams/${team.id}/users/${user.id}`;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={user.displayName}
      notice={notice}
    >
      <p>
        {user.email} — {t(user.isActive ? 'admin.user.active' : 'admin.user.inactive')}
      </p>
      <ErrorSummary errors={form.errors} t={t} />
      <h2 class="utrecht-heading-2">{t('admin.user.roles')}</h2>
      <form method="post" action={`${base}/roles`} novalidate>
        <CsrfField ctx={ctx} />
        <CheckboxGroup
          name="roles"
          legend={t('admin.user.rolesIn', { team: teamName(ctx, team) })}
          choices={ROLES.map((r) => ({ value: r, label: t(roleLabel(r)) }))}
          checked={form.roles}
          error={form.errors.roles}
        />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
      {profile && (
        <>
          <h2 class="utrecht-heading-2">{t('admin.adviser.title')}</h2>
          <p>{t('admin.adviser.intro')}</p>
          <form method="post" action={`${base}/profile`} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              name="languages"
              label={t('admin.adviser.languages')}
              hint={t('admin.adviser.languagesHint')}
              value={form.values.languages ?? profile.languages.join(', ')}
              error={form.errors.languages}
            />
            <TextField
              name="locations"
              label={t('admin.adviser.locations')}
              value={form.values.locations ?? profile.locations}
              error={form.errors.locations}
            />
            <TextArea
              name="introNl"
              label={t('admin.adviser.introNl')}
              value={form.values.introNl ?? profile.intro.nl}
              error={form.errors.introNl}
            />
            <TextArea
              name="introEn"
              label={t('admin.adviser.introEn')}
              value={form.values.introEn ?? profile.intro.en}
              error={form.errors.introEn}
            />
            <CheckboxGroup
              name="hidden"
              legend={t('admin.adviser.visibility')}
              choices={[{ value: 'yes', label: t('admin.adviser.hide') }]}
              checked={profile.isVisible ? [] : ['yes']}
            />
            <SubmitButton>{t('admin.save')}</SubmitButton>
          </form>
        </>
      )}
      <TwoFactorReset
        ctx={ctx}
        action={`${base}/two-factor/reset`}
        twoFactor={twoFactor}
        isSelf={isSelf}
        error={form.errors.confirmReset}
      />
      {user.isActive && (
        <>
          <h2 class="utrecht-heading-2">{t('admin.user.deactivate')}</h2>
          <p>{t('admin.user.deactivateText')}</p>
          <form method="post" action={`${base}/deactivate`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {t('admin.user.deactivate')}
            </button>
          </form>
        </>
      )}
    </AdminPage>
  );
}

/** Account recovery (decision 018): the user's second factor and its reset, with a confirmation; never one's own. */
function TwoFactorReset(props: {
  ctx: ViewContext;
  action: string;
  twoFactor: { totp: boolean; keys: number };
  isSelf: boolean;
  error?: string;
}) {
  const { ctx, action, twoFactor, isSelf, error } = props;
  const { t } = ctx;
  return (
    <>
      <h2 class="utrecht-heading-2">{t('admin.user.twoFactorTitle')}</h2>
      <p data-testid="two-factor-status">
        {t(twoFactor.totp ? 'admin.user.twoFactorOn' : 'admin.user.twoFactorOff', {
          keys: twoFactor.keys,
        })}
      </p>
      {isSelf ? (
        <p>{t('admin.user.twoFactorResetSelf')}</p>
      ) : (
        <form method="post" action={action} novalidate>
          <CsrfField ctx={ctx} />
          <p>{t('admin.user.twoFactorResetText')}</p>
          <CheckboxGroup
            name="confirmReset"
            legend={t('admin.user.twoFactorResetCheck')}
            choices={[{ value: 'yes', label: t('admin.user.twoFactorResetConfirm') }]}
            checked={[]}
            error={error}
          />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('admin.user.twoFactorReset')}
          </button>
        </form>
      )}
    </>
  );
}
