import { CsrfField } from '../../ui/layout.js';
import { formatDateTime } from '../../ui/dates.js';
import type { Lang } from '../../domain/taxonomy.js';
import { ASSET_VERSION } from '../../ui/assets.js';
import type { ViewContext } from '../http/env.js';

/**
 * The WebAuthn button: hidden until /assets/webauthn.js finds browser support, so a page
 * without JavaScript shows only the TOTP form, and a <noscript> line says why. The script
 * reports failures in the status line. One per page (the script binds every [data-webauthn]).
 * Under an IP address (canUseKeys false) browsers refuse every key: no button, but a line
 * saying that keys need a domain name.
 */
export function WebauthnButton({
  ctx,
  mode,
  label,
  canUseKeys,
}: {
  ctx: ViewContext;
  mode: 'register' | 'authenticate';
  label: string;
  canUseKeys: boolean;
}) {
  const { t } = ctx;
  if (!canUseKeys) return <p data-testid="webauthn-unavailable">{t('webauthn.needsDomain')}</p>;
  const endpoint = mode === 'register' ? '/account/webauthn' : '/login/two-factor/webauthn';
  return (
    <>
      <div data-webauthn={mode} data-endpoint={endpoint} data-error={t('webauthn.failed')} hidden>
        <CsrfField ctx={ctx} />
        <p>
          <button type="button" class="utrecht-button utrecht-button--secondary-action">
            {label}
          </button>
        </p>
        <p role="status" aria-live="polite"></p>
        <script src={`/assets/webauthn.js?v=${ASSET_VERSION}`} defer></script>
      </div>
      <noscript>
        <p>{t('webauthn.needsScript')}</p>
      </noscript>
    </>
  );
}

export interface KeyEntry {
  id: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const when = (d: Date | null, lang: Lang) => (d ? formatDateTime(d, lang) : '—');

export function WebauthnKeys({
  ctx,
  keys,
  canUseKeys,
}: {
  ctx: ViewContext;
  keys: KeyEntry[];
  canUseKeys: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      <h3 id="security-keys">{t('webauthn.keys')}</h3>
      <p>{t('webauthn.intro')}</p>
      {keys.length === 0 ? (
        <p>{t('webauthn.none')}</p>
      ) : (
        <ul data-testid="webauthn-keys">
          {keys.map((k) => (
            <li>
              {t('webauthn.keyEntry', {
                created: when(k.createdAt, ctx.lang),
                used: when(k.lastUsedAt, ctx.lang),
              })}{' '}
              <form method="post" action={`/account/webauthn/${k.id}/delete`} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" class="link-button">
                  {t('webauthn.remove')}
                  <span class="visually-hidden">
                    {' '}
                    {t('webauthn.removeWhich', { created: when(k.createdAt, ctx.lang) })}
                  </span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <WebauthnButton
        ctx={ctx}
        mode="register"
        label={t('webauthn.register')}
        canUseKeys={canUseKeys}
      />
    </>
  );
}

/** Right after TOTP enrolment (mandatory or not): the key as an optional extra (decision 016); none under an IP address. */
export function WebauthnOffer({ ctx, canUseKeys }: { ctx: ViewContext; canUseKeys: boolean }) {
  const { t } = ctx;
  if (!canUseKeys) return null;
  return (
    <>
      <h2>{t('webauthn.offerTitle')}</h2>
      <p>{t('webauthn.offerIntro')}</p>
      <WebauthnButton ctx={ctx} mode="register" label={t('webauthn.register')} canUseKeys />
    </>
  );
}
