import { CsrfField, Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { InstitutionSignInView } from './institution-sign-in.service.js';

/**
 * An institution's own logo and identity provider (issue 22, decision 038), one page for the
 * platform operator (`/platform/institutions/:id`) and the institution's administrator
 * (`/admin/institution`); `base` is where its forms post. The client secret is never shown back:
 * the page says only whether one is stored.
 */
export function InstitutionSettingsPage(props: {
  ctx: ViewContext;
  base: string;
  institution: { name: string; logoSha256: string | null; address: string };
  signIn: InstitutionSignInView | undefined;
  values?: Record<string, string>;
  errors: FieldErrors;
  notice?: string;
  /** The logo is this request's institution's, so it can be shown from its asset URL. */
  showLogo: boolean;
}) {
  const { ctx, base, institution, signIn, errors, notice } = props;
  const { t } = ctx;
  const v: Record<string, string> = props.values ?? {
    ...(signIn ? { ...signIn, hasClientSecret: '' } : {}),
  };
  return (
    <Layout ctx={ctx} title={t('institutionSettings.title', { name: institution.name })}>
      <div class="settings-page">
        <h1 class="utrecht-heading-1">
          {t('institutionSettings.title', { name: institution.name })}
        </h1>
        {notice && (
          <div class="utrecht-alert utrecht-alert--ok" role="status">
            <p>{notice}</p>
          </div>
        )}
        <ErrorSummary errors={errors} t={t} />

        <h2 class="utrecht-heading-2">{t('institutionSettings.logo')}</h2>
        {institution.logoSha256 && props.showLogo ? (
          <p class="logo-preview">
            <img
              src={`/assets/institution-logo?v=${institution.logoSha256.slice(0, 16)}`}
              alt={t('institutionSettings.logoCurrent', { name: institution.name })}
            />
          </p>
        ) : (
          <p>
            {t(
              institution.logoSha256 ? 'institutionSettings.logoSet' : 'institutionSettings.noLogo',
            )}
          </p>
        )}
        <form method="post" action={`${base}/logo`} enctype="multipart/form-data" novalidate>
          <CsrfField ctx={ctx} />
          <div class={`form-field${errors.logo ? ' field--invalid' : ''}`}>
            <label for="field-logo">{t('institutionSettings.logoFile')}</label>
            <p class="utrecht-form-field-description" id="field-logo-hint">
              {t('institutionSettings.logoHint')}
            </p>
            {errors.logo && (
              <p class="utrecht-form-field-error-message" id="field-logo-error">
                {errors.logo}
              </p>
            )}
            <input
              id="field-logo"
              name="logo"
              type="file"
              accept="image/png,image/jpeg"
              aria-invalid={errors.logo ? 'true' : undefined}
              aria-describedby={
                errors.logo ? 'field-logo-hint field-logo-error' : 'field-logo-hint'
              }
            />
          </div>
          <SubmitButton>{t('institutionSettings.logoSave')}</SubmitButton>
        </form>
        {institution.logoSha256 && (
          <form method="post" action={`${base}/logo/remove`} class="logo-remove">
            <CsrfField ctx={ctx} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {t('institutionSettings.logoRemove')}
            </button>
          </form>
        )}

        <h2 class="utrecht-heading-2">{t('institutionSettings.signIn')}</h2>
        <p>{t('institutionSettings.signInIntro')}</p>
        <dl class="settings-addresses">
          <dt>{t('institutionSettings.redirectUri')}</dt>
          <dd>
            <code>{`${institution.address}/sso/oidc/callback`}</code>
          </dd>
          <dt>{t('institutionSettings.acsUrl')}</dt>
          <dd>
            <code>{`${institution.address}/sso/saml/acs`}</code>
          </dd>
          <dt>{t('institutionSettings.metadata')}</dt>
          <dd>
            <code>{`${institution.address}/sso/saml/metadata`}</code>
          </dd>
        </dl>
        <form method="post" action={`${base}/sign-in`} novalidate>
          <CsrfField ctx={ctx} />
          <h3 class="utrecht-heading-3">OpenID Connect</h3>
          <TextField
            name="oidcIssuer"
            label={t('institutionSettings.oidcIssuer')}
            hint={t('institutionSettings.oidcIssuerHint')}
            value={v.oidcIssuer}
            error={errors.oidcIssuer}
          />
          <TextField
            name="oidcClientId"
            label={t('institutionSettings.oidcClientId')}
            value={v.oidcClientId}
            error={errors.oidcClientId}
          />
          <TextField
            name="oidcClientSecret"
            type="password"
            label={t('institutionSettings.oidcClientSecret')}
            hint={
              signIn?.hasClientSecret
                ? t('institutionSettings.secretStored')
                : t('institutionSettings.secretNone')
            }
            autocomplete="new-password"
            error={errors.oidcClientSecret}
          />
          <TextField
            name="oidcRolesClaim"
            label={t('institutionSettings.oidcRolesClaim')}
            value={v.oidcRolesClaim ?? 'meldpunt_roles'}
            error={errors.oidcRolesClaim}
          />
          <h3 class="utrecht-heading-3">SAML</h3>
          <TextField
            name="samlEntryPoint"
            label={t('institutionSettings.samlEntryPoint')}
            hint={t('institutionSettings.samlEntryPointHint')}
            value={v.samlEntryPoint}
            error={errors.samlEntryPoint}
          />
          <TextArea
            name="samlIdpCert"
            label={t('institutionSettings.samlIdpCert')}
            value={v.samlIdpCert}
            error={errors.samlIdpCert}
          />
          <TextField
            name="samlIdpIssuer"
            label={t('institutionSettings.samlIdpIssuer')}
            value={v.samlIdpIssuer}
            error={errors.samlIdpIssuer}
          />
          <TextField
            name="samlEmailAttribute"
            label={t('institutionSettings.samlEmailAttribute')}
            value={v.samlEmailAttribute ?? 'urn:mace:dir:attribute-def:mail'}
            error={errors.samlEmailAttribute}
          />
          <TextField
            name="samlNameAttribute"
            label={t('institutionSettings.samlNameAttribute')}
            value={v.samlNameAttribute ?? 'urn:mace:dir:attribute-def:displayName'}
            error={errors.samlNameAttribute}
          />
          <TextField
            name="samlRolesAttribute"
            label={t('institutionSettings.samlRolesAttribute')}
            value={v.samlRolesAttribute ?? 'urn:mace:dir:attribute-def:eduPersonEntitlement'}
            error={errors.samlRolesAttribute}
          />
          <h3 class="utrecht-heading-3">{t('institutionSettings.roles')}</h3>
          <TextArea
            name="roleMap"
            label={t('institutionSettings.roleMap')}
            hint={t('institutionSettings.roleMapHint')}
            value={v.roleMap}
            error={errors.roleMap}
          />
          <SubmitButton>{t('institutionSettings.signInSave')}</SubmitButton>
        </form>
      </div>
    </Layout>
  );
}
