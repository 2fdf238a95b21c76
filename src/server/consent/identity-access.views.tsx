import { CsrfField } from '../../ui/layout.js';
import { SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';

export interface IdentityGrant {
  userId: string;
  name: string;
  grantedAt: Date;
}

/** Who else may see the identities (granted with the reporter's consent), each revocable; and the grant form. */
export function IdentityAccessSection({ ctx, base, grants, errors }: { ctx: ViewContext; base: string; grants: IdentityGrant[]; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading">{t('identity.title')}</h2>
      <p>{t('identity.intro')}</p>
      {grants.length === 0 ? (
        <p data-testid="identity-grants">{t('identity.none')}</p>
      ) : (
        <table class="data" data-testid="identity-grants">
          <caption class="visually-hidden">{t('identity.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('identity.who')}</th>
              <th scope="col">{t('identity.since')}</th>
              <th scope="col">{t('identity.action')}</th>
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr>
                <td>{g.name}</td>
                <td>{g.grantedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
                <td>
                  <form method="post" action={`${base}/identity-access/${g.userId}/revoke`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={t('identity.revokeFor', { name: g.name })}>{t('identity.revoke')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`${base}/identity-access`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField name="userId" label={t('identity.userId')} error={errors.userId} />
        <SubmitButton>{t('identity.grant')}</SubmitButton>
      </form>
    </section>
  );
}
