import { CsrfField } from '../../ui/layout.js';
import { ASSET_VERSION } from '../../ui/assets.js';
import type { ViewContext } from '../http/env.js';

/**
 * The WebAuthn button: hidden until /assets/webauthn.js finds browser support, so a page
 * without JavaScript shows only the TOTP form. The script reports failures in the status line.
 */
export function WebauthnButton({ ctx, mode, label }: { ctx: ViewContext; mode: 'register' | 'authenticate'; label: string }) {
  const { t } = ctx;
  const endpoint = mode === 'register' ? '/account/webauthn' : '/login/two-factor/webauthn';
  return (
    <div data-webauthn={mode} data-endpoint={endpoint} data-error={t('webauthn.failed')} hidden>
      <CsrfField ctx={ctx} />
      <p>
        <button type="button" class="utrecht-button utrecht-button--secondary-action">{label}</button>
      </p>
      <p role="status" aria-live="polite"></p>
      <script src={`/assets/webauthn.js?v=${ASSET_VERSION}`} defer></script>
    </div>
  );
}

export function WebauthnKeys({ ctx, keys }: { ctx: ViewContext; keys: { createdAt: Date; lastUsedAt: Date | null }[] }) {
  const { t } = ctx;
  const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '—');
  return (
    <>
      <h3>{t('webauthn.keys')}</h3>
      <p>{t('webauthn.intro')}</p>
      {keys.length === 0 ? (
        <p>{t('webauthn.none')}</p>
      ) : (
        <ul data-testid="webauthn-keys">
          {keys.map((k) => (
            <li>{t('webauthn.keyEntry', { created: when(k.createdAt), used: when(k.lastUsedAt) })}</li>
          ))}
        </ul>
      )}
      <WebauthnButton ctx={ctx} mode="register" label={t('webauthn.register')} />
    </>
  );
}
