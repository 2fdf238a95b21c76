import { Layout, CsrfField } from '../../ui/layout.js';
import { formatLongDate } from '../../ui/dates.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { formatBytes, UploadField } from '../attachments/upload-field.js';
import type { AttachmentEntry } from '../attachments/attachments.service.js';
import type { AppointmentEntry } from '../appointments/appointments.service.js';
import { modeLabel } from '../appointments/appointment-section.js';
import { formatLocalDateTime } from '../appointments/local-time.js';
import type { MessageEntry } from './messages.service.js';
import type { MinutesEntry } from './minutes.service.js';

export interface CorrespondenceView {
  caseId: string;
  reference: string;
  messages: MessageEntry[];
  attachments: AttachmentEntry[];
  minutes: MinutesEntry[];
  appointments: AppointmentEntry[];
}

/** The adviser's side of the conversation with the reporter. */
export function CorrespondencePage({
  ctx,
  view,
  errors = {},
  notice,
  messageDraft,
}: {
  ctx: ViewContext;
  view: CorrespondenceView;
  errors?: FieldErrors;
  notice?: string;
  messageDraft?: string;
}) {
  const { t, lang } = ctx;
  const base = `/cases/${view.caseId}`;
  return (
    <Layout ctx={ctx} title={t('correspondence.title', { reference: view.reference })}>
      <h1 class="utrecht-heading-1">{t('correspondence.title', { reference: view.reference })}</h1>
      <p>
        <a href={base}>{t('correspondence.back')}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      {notice && (
        <p role="status" class="panel">
          {notice}
        </p>
      )}
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">{t('mailbox.messagesHeading')}</h2>
        {view.messages.length === 0 && <p>{t('mailbox.noMessages')}</p>}
        <ol class="messages">
          {view.messages.map((m) => (
            <li class={`message message--${m.author}`} data-testid="message">
              <p class="message-meta">
                <strong>
                  {t(
                    m.author === 'adviser'
                      ? 'correspondence.fromAdviser'
                      : m.author === 'system'
                        ? 'correspondence.fromSystem'
                        : 'correspondence.fromReporter',
                  )}
                </strong>
                , {formatLocalDateTime(m.createdAt, lang)}
              </p>
              <p class="narrative">{m.body}</p>
            </li>
          ))}
        </ol>
        {view.attachments.length > 0 && (
          <ul class="files">
            {view.attachments.map((f) => (
              <li>
                <a href={`${base}/files/${f.id}`}>{f.name}</a> ({formatBytes(f.sizeBytes)},{' '}
                {f.uploadedBy === 'adviser'
                  ? t('correspondence.fromAdviser')
                  : t('correspondence.fromReporter')}
                )
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${base}/messages`} enctype="multipart/form-data" novalidate>
          <CsrfField ctx={ctx} />
          <TextArea
            name="body"
            label={t('correspondence.write')}
            error={errors.body}
            value={messageDraft}
          />
          <UploadField t={t} error={errors.files} />
          <SubmitButton>{t('mailbox.send')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">{t('mailbox.minutesHeading')}</h2>
        {view.minutes.map((m) => (
          <article class="panel" data-testid="minutes">
            <h3>{t('mailbox.minutesOf', { date: formatLongDate(m.conversationOn, lang) })}</h3>
            <p class="narrative">{m.body}</p>
            <p>
              <strong>{t(`mailbox.minutes.${m.status}`)}</strong>
            </p>
            {m.correction && <p class="narrative">{m.correction}</p>}
          </article>
        ))}
        <form method="post" action={`${base}/minutes`} novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            name="conversationOn"
            type="date"
            label={t('correspondence.conversationOn')}
            error={errors.conversationOn}
          />
          <TextArea name="minutes" label={t('correspondence.minutes')} error={errors.minutes} />
          <SubmitButton>{t('correspondence.addMinutes')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="appointment-heading">
        <h2 id="appointment-heading">{t('appointment.heading')}</h2>
        {view.appointments.length === 0 && <p>{t('correspondence.noAppointments')}</p>}
        {view.appointments.map((a) => (
          <article class="panel" data-testid="appointment">
            <h3>{modeLabel(ctx, a.mode)}</h3>
            {a.location && (
              <p data-testid="appointment-location">
                {t('appointment.location')}: <strong>{a.location.label[lang]}</strong>
                {a.location.instructions[lang] && <> — {a.location.instructions[lang]}</>}
              </p>
            )}
            {a.status === 'confirmed' && a.startsAt ? (
              <p>
                {t('appointment.confirmedAt', { when: formatLocalDateTime(a.startsAt, lang) })} —{' '}
                {a.details} —{' '}
                <a href={`${base}/appointments/${a.id}.ics`}>{t('appointment.download')}</a>
              </p>
            ) : (
              <form method="post" action={`${base}/appointments/${a.id}/confirm`} novalidate>
                <CsrfField ctx={ctx} />
                <RadioGroup
                  name="slot"
                  label={t('correspondence.chooseSlot')}
                  error={errors.slot}
                  choices={a.proposedSlots.map((s, i) => ({
                    value: String(i),
                    label: formatLocalDateTime(s, lang),
                  }))}
                />
                <TextField
                  name="details"
                  label={t('correspondence.details')}
                  hint={t('correspondence.detailsHint')}
                  error={errors.details}
                />
                <SubmitButton>{t('correspondence.confirm')}</SubmitButton>
              </form>
            )}
          </article>
        ))}
      </section>
    </Layout>
  );
}
