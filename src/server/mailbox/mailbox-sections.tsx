import { CsrfField } from '../../ui/layout.js';
import { formatLongDate } from '../../ui/dates.js';
import { RadioGroup, SubmitButton, TextArea, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { formatBytes, UploadField } from '../attachments/upload-field.js';
import type { MailboxView } from './mailbox.service.js';
import { formatLocalDateTime } from '../appointments/local-time.js';
export { AppointmentSection } from '../appointments/appointment-section.js';

type SectionProps = { ctx: ViewContext; view: MailboxView; errors: FieldErrors };

export function MessagesSection({ ctx, view, errors, draft }: SectionProps & { draft?: string }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">{t('mailbox.messagesHeading')}</h2>
      {view.messages.length === 0 ? (
        <p>{t('mailbox.noMessages')}</p>
      ) : (
        <ol class="messages">
          {view.messages.map((m) => (
            <li class={`message message--${m.author}`} data-testid="message">
              <p class="message-meta">
                <strong>
                  {t(
                    m.author === 'adviser'
                      ? 'mailbox.fromAdviser'
                      : m.author === 'system'
                        ? 'mailbox.fromSystem'
                        : 'mailbox.fromYou',
                  )}
                </strong>
                , {formatLocalDateTime(m.createdAt, lang)}
              </p>
              <p class="narrative">{m.body}</p>
              <FileList ctx={ctx} files={view.attachments.filter((a) => a.messageId === m.id)} />
            </li>
          ))}
        </ol>
      )}
      {view.attachments.some((a) => !a.messageId) && (
        <>
          <h3>{t('mailbox.reportFiles')}</h3>
          <FileList ctx={ctx} files={view.attachments.filter((a) => !a.messageId)} />
        </>
      )}
      <form method="post" action="/postbus/berichten" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <TextArea name="body" label={t('mailbox.reply')} error={errors.body} value={draft} />
        <UploadField t={t} error={errors.files} />
        <SubmitButton>{t('mailbox.send')}</SubmitButton>
      </form>
    </section>
  );
}

function FileList({ ctx, files }: { ctx: ViewContext; files: MailboxView['attachments'] }) {
  if (files.length === 0) return null;
  return (
    <ul class="files">
      {files.map((f) => (
        <li>
          <a href={`/postbus/bestanden/${f.id}`}>{f.name}</a> ({formatBytes(f.sizeBytes)},{' '}
          {f.uploadedBy === 'adviser' ? ctx.t('mailbox.fromAdviser') : ctx.t('mailbox.fromYou')})
        </li>
      ))}
    </ul>
  );
}

export function MinutesSection({ ctx, view, errors }: SectionProps) {
  const { t, lang } = ctx;
  const pending = view.minutes.find((m) => m.status === 'pending');
  return (
    <section aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t('mailbox.minutesHeading')}</h2>
      {view.minutes.length === 0 && <p>{t('mailbox.noMinutes')}</p>}
      {view.minutes.map((m) => (
        <article class="panel" data-testid="minutes">
          <h3>{t('mailbox.minutesOf', { date: formatLongDate(m.conversationOn, lang) })}</h3>
          <p class="narrative">{m.body}</p>
          <p>
            <strong>{t(`mailbox.minutes.${m.status}`)}</strong>
          </p>
          {m.correction && <p class="narrative">{m.correction}</p>}
          {m.id === pending?.id && (
            <form method="post" action={`/postbus/verslagen/${m.id}`} novalidate>
              <CsrfField ctx={ctx} />
              <RadioGroup
                name="decision"
                label={t('mailbox.minutesDecision')}
                error={errors.decision}
                choices={[
                  { value: 'approve', label: t('mailbox.minutesApprove') },
                  { value: 'correct', label: t('mailbox.minutesCorrect') },
                ]}
              />
              <TextArea
                name="correction"
                label={t('mailbox.minutesCorrection')}
                hint={t('mailbox.minutesCorrectionHint')}
                error={errors.correction}
              />
              <SubmitButton>{t('mailbox.minutesSubmit')}</SubmitButton>
            </form>
          )}
        </article>
      ))}
    </section>
  );
}

export function NotificationSection({
  ctx,
  hasAddress,
  errors,
}: {
  ctx: ViewContext;
  hasAddress: boolean;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="notify-heading">
      <h2 id="notify-heading">{t('mailbox.notifyHeading')}</h2>
      <p>{t('mailbox.notifyIntro')}</p>
      {hasAddress ? (
        <form method="post" action="/postbus/e-mail/verwijderen">
          <CsrfField ctx={ctx} />
          <p data-testid="notify-set">{t('mailbox.notifySet')}</p>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('mailbox.notifyRemove')}
          </button>
        </form>
      ) : (
        <form method="post" action="/postbus/e-mail" novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            name="email"
            type="email"
            label={t('mailbox.notifyEmail')}
            error={errors.email}
            autocomplete="email"
          />
          <SubmitButton>{t('mailbox.notifySave')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

/** `values`: what the reporter typed, kept when the form comes back with an error. */
export function DisclosureSection({
  ctx,
  disclosed,
  errors,
  values = {},
}: {
  ctx: ViewContext;
  disclosed: boolean;
  errors: FieldErrors;
  values?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="disclose-heading">
      <h2 id="disclose-heading">{t('mailbox.discloseHeading')}</h2>
      {disclosed ? (
        <p data-testid="disclosed">{t('mailbox.disclosed')}</p>
      ) : (
        <form method="post" action="/postbus/identiteit" novalidate>
          <CsrfField ctx={ctx} />
          <p>{t('mailbox.discloseIntro')}</p>
          <TextField
            name="name"
            label={t('intake.name')}
            error={errors.name}
            value={values.name}
            autocomplete="name"
          />
          <TextField
            name="contact"
            label={t('intake.contact')}
            error={errors.contact}
            value={values.contact}
          />
          <div class={`form-field${errors.confirm ? ' field--invalid' : ''}`}>
            {errors.confirm && (
              <p class="error-message" id="error-confirm">
                {errors.confirm}
              </p>
            )}
            <div class="choice">
              <input
                type="checkbox"
                id="field-confirm"
                name="confirm"
                value="yes"
                aria-describedby={errors.confirm ? 'error-confirm' : undefined}
              />
              <label for="field-confirm">{t('mailbox.discloseConfirm')}</label>
            </div>
          </div>
          <SubmitButton>{t('mailbox.discloseSubmit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
