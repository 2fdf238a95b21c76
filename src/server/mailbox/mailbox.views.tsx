import { vocabLabel } from '../../domain/labels.js';
import { formatLongDate } from '../../ui/dates.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { Challenge } from 'altcha-lib/v1/types';
import { ProofField } from '../../ui/proof-field.js';
import type { MailboxView } from './mailbox.service.js';
import { ConsentLedgerTable } from '../consent/consent.views.js';
import { ReporterRightsSection } from '../rights/rights-mailbox.views.js';
import type { ReporterRequestView } from '../rights/rights.presenter.js';
import {
  AppointmentSection,
  DisclosureSection,
  MessagesSection,
  MinutesSection,
  NotificationSection,
} from './mailbox-sections.js';

export function MailboxSignInPage({
  ctx,
  errors,
  status,
  proof,
}: {
  ctx: ViewContext;
  errors: FieldErrors;
  status?: string;
  proof?: Challenge;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mailbox.signInTitle')} isPublic>
      <h1 class="utrecht-heading-1">{t('mailbox.signInTitle')}</h1>
      <ErrorSummary errors={errors} t={t} />
      {status && <p role="status">{status}</p>}
      <p>{t('mailbox.signInIntro')}</p>
      <form method="post" action="/postbus" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="receipt"
          label={t('mailbox.receipt')}
          hint={t('mailbox.receiptHint')}
          error={errors.receipt}
          autocomplete="off"
        />
        {proof && <ProofField ctx={ctx} challenge={proof} />}
        <SubmitButton>{t('mailbox.signIn')}</SubmitButton>
      </form>
    </Layout>
  );
}

export interface MailboxErrors {
  message?: FieldErrors;
  minutes?: FieldErrors;
  appointment?: FieldErrors;
  notification?: FieldErrors;
  disclosure?: FieldErrors;
  rights?: FieldErrors;
}

export function MailboxPage({
  ctx,
  view,
  requests = [],
  errors = {},
  notice,
  messageDraft,
  disclosureDraft,
  appointmentDraft,
}: {
  ctx: ViewContext;
  view: MailboxView;
  requests?: ReporterRequestView[];
  errors?: MailboxErrors;
  notice?: string;
  messageDraft?: string;
  disclosureDraft?: Record<string, string>;
  appointmentDraft?: Record<string, string>;
}) {
  const { t, lang } = ctx;
  const all = {
    ...errors.message,
    ...errors.minutes,
    ...errors.appointment,
    ...errors.notification,
    ...errors.disclosure,
    ...errors.rights,
  };
  return (
    <Layout ctx={ctx} title={t('mailbox.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('mailbox.title')}</h1>
      <ErrorSummary errors={all} t={t} />
      {notice && (
        <p role="status" class="panel">
          {notice}
        </p>
      )}
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t('mailbox.statusHeading')}</h2>
        <dl class="details">
          <dt>{t('ack.reference')}</dt>
          <dd data-testid="reference">{view.reference}</dd>
          <dt>{t('inbox.status')}</dt>
          <dd data-testid="status">{vocabLabel('status', view.status, lang)}</dd>
          <dt>{t('inbox.received')}</dt>
          <dd>{formatLongDate(view.receivedOn, lang)}</dd>
          <dt>{t('mailbox.ackDue')}</dt>
          <dd>{view.ackDueOn ? formatLongDate(view.ackDueOn, lang) : t('case.none')}</dd>
        </dl>
      </section>
      <MessagesSection ctx={ctx} view={view} errors={errors.message ?? {}} draft={messageDraft} />
      <p>
        <a href="/postbus/patroon" data-testid="pattern-link">
          {t('patterns.reporter.mailboxLink')}
        </a>
      </p>
      <MinutesSection ctx={ctx} view={view} errors={errors.minutes ?? {}} />
      <AppointmentSection
        ctx={ctx}
        appointments={view.appointments}
        errors={errors.appointment ?? {}}
        action="/postbus/afspraak"
        icsBase="/postbus/afspraak"
        locations={view.locations}
        values={appointmentDraft}
      />
      <section aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t('mailbox.consentHeading')}</h2>
        <p>{t('mailbox.consentPending')}</p>
        <ConsentLedgerTable t={t} lang={ctx.lang} consents={view.consents} />
      </section>
      <NotificationSection
        ctx={ctx}
        hasAddress={view.hasAddress}
        errors={errors.notification ?? {}}
      />
      <DisclosureSection
        ctx={ctx}
        disclosed={view.disclosed}
        errors={errors.disclosure ?? {}}
        values={disclosureDraft}
      />
      <ReporterRightsSection ctx={ctx} requests={requests} errors={errors.rights ?? {}} />
      <form method="post" action="/postbus/uitloggen">
        <CsrfField ctx={ctx} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('mailbox.signOut')}
        </button>
      </form>
    </Layout>
  );
}
