import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { Acknowledgement } from './intake.service.js';

export function HomePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <p>{t('home.confidential')}</p>
      <p>
        <a class="utrecht-button-link utrecht-button-link--primary-action" href="/melden">
          {t('home.start')}
        </a>
      </p>
    </Layout>
  );
}

interface AckProps {
  ctx: ViewContext;
  ack: Acknowledgement;
  idempotencyKey: string;
  errors: FieldErrors;
}

/**
 * The reference, and for an anonymous report the receipt code, shown once; the reporter
 * confirms having saved it before going on (GOV.UK: one thing per page).
 */
export function AcknowledgementPage({ ctx, ack, idempotencyKey, errors }: AckProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('ack.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('ack.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>
        {t('ack.reference')}: <strong data-testid="reference">{ack.reference}</strong>
      </p>
      {ack.anonymous && !ack.receipt && <p data-testid="receipt-shown">{t('ack.receiptShown')}</p>}
      {ack.receipt ? (
        <section class="panel" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">{t('ack.receiptHeading')}</h2>
          <p class="receipt" data-testid="receipt">
            {ack.receipt}
          </p>
          <p>{t('ack.receiptText')}</p>
          <p>{t('ack.anonymousNext', { days: ack.ackDays })}</p>
          <form method="post" action="/melden/bewaard" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <div class={`form-field${errors.saved ? ' field--invalid' : ''}`}>
              {errors.saved && (
                <p class="error-message" id="error-saved">
                  {errors.saved}
                </p>
              )}
              <div class="choice">
                <input
                  type="checkbox"
                  id="field-saved"
                  name="saved"
                  value="yes"
                  aria-describedby={errors.saved ? 'error-saved' : undefined}
                />
                <label for="field-saved">{t('ack.saved')}</label>
              </div>
            </div>
            <SubmitButton>{t('ack.continue')}</SubmitButton>
          </form>
        </section>
      ) : (
        <>
          <p>{t(ack.anonymous ? 'ack.anonymousNext' : 'ack.namedNext', { days: ack.ackDays })}</p>
          <h2>{t('next.title')}</h2>
          <NextSteps ctx={ctx} idempotencyKey={idempotencyKey} mailbox={ack.anonymous} />
        </>
      )}
    </Layout>
  );
}

/**
 * After the code is saved (or, for a named report, on the acknowledgement itself): the
 * reporter chooses — the mailbox, a conversation, or nothing more. Nobody is pushed into an
 * appointment request.
 */
function NextSteps({
  ctx,
  idempotencyKey,
  mailbox,
}: {
  ctx: ViewContext;
  idempotencyKey: string;
  mailbox: boolean;
}) {
  const { t } = ctx;
  return (
    <ul class="next-steps" data-testid="next-steps">
      {mailbox && (
        <li>
          <a class="utrecht-button-link utrecht-button-link--primary-action" href="/postbus">
            {t('next.mailbox')}
          </a>
          <p>{t('next.mailboxText')}</p>
        </li>
      )}
      <li>
        <form method="post" action="/melden/gesprek" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <button
            type="submit"
            class={`utrecht-button ${mailbox ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'}`}
          >
            {t('ack.requestAppointment')}
          </button>
        </form>
        <p>{t('next.appointmentText')}</p>
      </li>
      <li>
        <a class="utrecht-button-link utrecht-button-link--secondary-action" href="/">
          {t('next.done')}
        </a>
        <p>{t('next.doneText')}</p>
      </li>
    </ul>
  );
}

/** The choice after "I have saved my code". */
export function NextStepsPage({
  ctx,
  ack,
  idempotencyKey,
}: {
  ctx: ViewContext;
  ack: Acknowledgement;
  idempotencyKey: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('next.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('next.title')}</h1>
      <p>{t(ack.anonymous ? 'ack.anonymousNext' : 'ack.namedNext', { days: ack.ackDays })}</p>
      <NextSteps ctx={ctx} idempotencyKey={idempotencyKey} mailbox={ack.anonymous} />
    </Layout>
  );
}
