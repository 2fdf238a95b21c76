import { CsrfField } from '../../ui/layout.js';
import { formatDateTime } from '../../ui/dates.js';
import { SubmitButton, type FieldErrors } from '../../ui/form.js';
import { SelectField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';

export interface IdentityGrant {
  userId: string;
  name: string;
  grantedAt: Date;
}

/** Who else may see the identities (granted with the reporter's consent), each revocable; and the grant form. */
export function IdentityAccessSection({
  ctx,
  base,
  grants,
  errors,
  people,
}: {
  ctx: ViewContext;
  base: string;
  grants: IdentityGrant[];
  errors: FieldErrors;
  people: { id: string; name: string }[];
}) {
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
                <td>{formatDateTime(g.grantedAt, ctx.lang)}</td>
                <td>
                  <form
                    method="post"
                    action={`${base}/identity-access/${g.userId}/revoke`}
                    class="inline-form"
                  >
                    <CsrfField ctx={ctx} />
                    <button
                      type="submit"
                      class="utrecht-button utrecht-button--secondary-action"
                      aria-label={t('identity.revokeFor', { name: g.name })}
                    >
                      {t('identity.revoke')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`${base}/identity-access`} novalidate>
        <CsrfField ctx={ctx} />
        <SelectField
          name="userId"
          label={t('workspace.identity.person')}
          blank={t('workspace.recipient.choose')}
          error={errors.userId}
          choices={people
            .filter((p) => !grants.some((g) => g.userId === p.id))
            .map((p) => ({ value: p.id, label: p.name }))}
        />
        <SubmitButton>{t('identity.grant')}</SubmitButton>
      </form>
    </section>
  );
}
