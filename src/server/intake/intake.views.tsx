import { DEFAULT_CATEGORIES, LOCATIONS, PERSON_ROLES, REPORTER_GOALS } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, RadioGroup, SubmitButton, TextArea, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { Team } from '../teams/teams.service.js';
import type { Acknowledgement } from './intake.service.js';
import { UploadField } from '../attachments/upload-field.js';

export function HomePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <p>{t('home.confidential')}</p>
      <p>
        <a class="utrecht-button-link utrecht-button-link--primary-action" href="/melden">{t('home.start')}</a>
      </p>
    </Layout>
  );
}

interface IntakeFormProps {
  ctx: ViewContext;
  teams: Team[];
  values: Record<string, string>;
  errors: FieldErrors;
}

export function IntakeForm({ ctx, teams, values, errors }: IntakeFormProps) {
  const { t, lang } = ctx;
  const subtypes = DEFAULT_CATEGORIES.flatMap((c) =>
    c.subtypes.map((s) => ({ value: s.key, label: `${c.label[lang]}: ${s.label[lang]}` })),
  );
  return (
    <Layout ctx={ctx} title={t('intake.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('intake.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>{t('intake.intro')}</p>
      <form method="post" action="/melden" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
        {teams.length === 1 ? (
          <input type="hidden" name="team" value={teams[0]!.key} />
        ) : (
          <RadioGroup
            name="team"
            label={t('intake.team')}
            error={errors.team}
            value={values.team}
            choices={teams.map((team) => ({ value: team.key, label: lang === 'nl' ? team.nameNl : team.nameEn }))}
          />
        )}
        <RadioGroup
          name="category"
          label={t('intake.category')}
          hint={t('intake.categoryHint')}
          error={errors.category}
          value={values.category}
          choices={DEFAULT_CATEGORIES.map((c) => ({ value: c.key, label: c.label[lang], description: c.definition[lang] }))}
        />
        <RadioGroup
          name="subtype"
          label={t('intake.subtype')}
          error={errors.subtype}
          value={values.subtype ?? ''}
          choices={[{ value: '', label: t('intake.subtypeNone') }, ...subtypes]}
        />
        <TextArea name="narrative" label={t('intake.narrative')} hint={t('intake.narrativeHint')} error={errors.narrative} value={values.narrative} />
        <RadioGroup name="location" label={t('intake.location')} error={errors.location} value={values.location} choices={vocabChoices('location', LOCATIONS, lang)} />
        <RadioGroup name="reporterRole" label={t('intake.reporterRole')} error={errors.reporterRole} value={values.reporterRole} choices={vocabChoices('role', PERSON_ROLES, lang)} />
        <RadioGroup name="accusedRole" label={t('intake.accusedRole')} error={errors.accusedRole} value={values.accusedRole} choices={vocabChoices('role', PERSON_ROLES, lang)} />
        <RadioGroup name="goal" label={t('intake.goal')} error={errors.goal} value={values.goal} choices={vocabChoices('goal', REPORTER_GOALS, lang)} />
        <RadioGroup
          name="anonymous"
          label={t('intake.anonymous')}
          error={errors.anonymous}
          value={values.anonymous}
          choices={[
            { value: 'yes', label: t('intake.anonymousYes') },
            { value: 'no', label: t('intake.anonymousNo') },
          ]}
        />
        <TextField name="name" label={t('intake.name')} error={errors.name} value={values.name} autocomplete="name" />
        <TextField name="contact" label={t('intake.contact')} hint={t('intake.contactHint')} error={errors.contact} value={values.contact} />
        <UploadField t={t} error={errors.files} />
        <SubmitButton>{t('intake.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

function vocabChoices(vocab: 'location' | 'role' | 'goal', keys: readonly string[], lang: ViewContext['lang']) {
  return keys.map((k) => ({ value: k, label: vocabLabel(vocab, k, lang) }));
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
      {ack.receipt ? (
        <section class="panel" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">{t('ack.receiptHeading')}</h2>
          <p class="receipt" data-testid="receipt">{ack.receipt}</p>
          <p>{t('ack.receiptText')}</p>
          <p>{t('ack.anonymousNext', { days: ack.ackDays })}</p>
          <form method="post" action="/melden/bewaard" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <div class={`form-field${errors.saved ? ' field--invalid' : ''}`}>
              {errors.saved && <p class="error-message" id="error-saved">{errors.saved}</p>}
              <div class="choice">
                <input type="checkbox" id="field-saved" name="saved" value="yes" aria-describedby={errors.saved ? 'error-saved' : undefined} />
                <label for="field-saved">{t('ack.saved')}</label>
              </div>
            </div>
            <SubmitButton>{t('ack.continue')}</SubmitButton>
          </form>
        </section>
      ) : (
        <>
          <p>{t('ack.namedNext', { days: ack.ackDays })}</p>
          <form method="post" action="/melden/bewaard" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <input type="hidden" name="saved" value="yes" />
            <SubmitButton>{t('ack.requestAppointment')}</SubmitButton>
          </form>
        </>
      )}
    </Layout>
  );
}
