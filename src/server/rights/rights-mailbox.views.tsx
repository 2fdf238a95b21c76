import type { MessageKey } from '../../i18n/i18n.js';
import { formatLongDate } from '../../ui/dates.js';
import { CsrfField } from '../../ui/layout.js';
import { SubmitButton, TextArea, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { ReporterRequestView } from './rights.presenter.js';

/**
 * The reporter's rights in the mailbox (GDPR art. 15–17): download what is held, ask for a
 * correction, ask for erasure. Plain forms, no JavaScript.
 */
export function ReporterRightsSection({
  ctx,
  requests,
  errors,
}: {
  ctx: ViewContext;
  requests: ReporterRequestView[];
  errors: FieldErrors;
}) {
  const { t } = ctx;
  const erasurePending = requests.some((r) => r.kind === 'erasure' && r.status === 'open');
  return (
    <section aria-labelledby="rights-heading">
      <h2 id="rights-heading">{t('rights.mailbox.heading')}</h2>
      <p>{t('rights.mailbox.intro')}</p>
      <p>
        <a href="/postbus/mijn-gegevens" download data-testid="download-data">
          {t('rights.mailbox.download')}
        </a>
      </p>
      {requests.length > 0 && (
        <table class="data" data-testid="rights-requests">
          <caption>{t('rights.mailbox.requestsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rights.request')}</th>
              <th scope="col">{t('rights.requestedOn')}</th>
              <th scope="col">{t('rights.mailbox.answerBy')}</th>
              <th scope="col">{t('rights.status')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr>
                <td>{t(`rights.kind.${r.kind}` as MessageKey)}</td>
                <td>{formatLongDate(r.requestedOn, ctx.lang)}</td>
                <td>{formatLongDate(r.dueOn, ctx.lang)}</td>
                <td>
                  {t(`rights.status.${r.status}` as MessageKey)}
                  {r.reason && <>: {t(`rights.reason.${r.reason}` as MessageKey)}</>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('rights.mailbox.correctionHeading')}</h3>
      <form method="post" action="/postbus/correctie" novalidate>
        <CsrfField ctx={ctx} />
        <TextArea
          name="rightsCorrection"
          label={t('rights.mailbox.correctionLabel')}
          hint={t('rights.mailbox.correctionHint')}
          error={errors.rightsCorrection}
        />
        <SubmitButton>{t('rights.mailbox.correctionSubmit')}</SubmitButton>
      </form>
      <h3>{t('rights.mailbox.erasureHeading')}</h3>
      {erasurePending ? (
        <p data-testid="erasure-pending">{t('rights.mailbox.erasurePending')}</p>
      ) : (
        <form method="post" action="/postbus/wissen" novalidate>
          <CsrfField ctx={ctx} />
          <p>{t('rights.mailbox.erasureIntro')}</p>
          <div class={`form-field${errors.erasureConfirm ? ' field--invalid' : ''}`}>
            {errors.erasureConfirm && (
              <p class="error-message" id="error-erasureConfirm">
                {errors.erasureConfirm}
              </p>
            )}
            <div class="choice">
              <input
                type="checkbox"
                id="field-erasureConfirm"
                name="erasureConfirm"
                value="yes"
                aria-describedby={errors.erasureConfirm ? 'error-erasureConfirm' : undefined}
              />
              <label for="field-erasureConfirm">{t('rights.mailbox.erasureConfirm')}</label>
            </div>
          </div>
          <TextArea
            name="erasureWhy"
            label={t('rights.mailbox.erasureWhy')}
            error={errors.erasureWhy}
          />
          <SubmitButton>{t('rights.mailbox.erasureSubmit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
