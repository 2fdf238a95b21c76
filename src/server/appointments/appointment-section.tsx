import { vocabLabel } from '../../domain/labels.js';
import { CsrfField } from '../../ui/layout.js';
import { RadioGroup, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { AppointmentEntry } from './appointments.service.js';
import type { MeetingLocation } from './locations.service.js';
import { APPOINTMENT_MODES } from './appointments.schema.js';
import { formatLocalDateTime } from './local-time.js';

export function modeLabel(ctx: ViewContext, mode: string): string {
  return mode === 'in_person'
    ? ctx.t('appointment.mode.in_person')
    : vocabLabel('channel', mode, ctx.lang);
}

/**
 * The reporter's view: existing appointments, and a request form. `titled` is false on a page
 * whose h1 already says "Request a conversation", so the heading is not shown twice.
 */
export function AppointmentSection(props: {
  ctx: ViewContext;
  appointments: AppointmentEntry[];
  errors: FieldErrors;
  action: string;
  icsBase?: string;
  hidden?: Record<string, string>;
  askEmail?: boolean;
  titled?: boolean;
  /** The team's current meeting locations, to choose from. */
  locations: MeetingLocation[];
  /** What the reporter entered, shown again after an error. */
  values?: Record<string, string>;
}) {
  const {
    ctx,
    appointments,
    errors,
    action,
    icsBase,
    hidden = {},
    askEmail = false,
    titled = true,
    locations,
    values = {},
  } = props;
  const { t, lang } = ctx;
  return (
    <section aria-labelledby={titled ? 'appointment-heading' : undefined}>
      {titled && <h2 id="appointment-heading">{t('appointment.heading')}</h2>}
      {appointments.map((a) => (
        <div class="panel" data-testid="appointment">
          <p>
            <strong>{modeLabel(ctx, a.mode)}</strong>:{' '}
            {a.status === 'confirmed' && a.startsAt
              ? t('appointment.confirmedAt', { when: formatLocalDateTime(a.startsAt, lang) })
              : t('appointment.requested')}
          </p>
          {a.location && (
            <p data-testid="appointment-location">
              {t('appointment.location')}: {a.location.label[lang]}
              {a.location.instructions[lang] && <> — {a.location.instructions[lang]}</>}
            </p>
          )}
          {a.details && <p>{a.details}</p>}
          {a.status === 'confirmed' && icsBase && (
            <p>
              <a href={`${icsBase}/${a.id}.ics`}>{t('appointment.download')}</a>
            </p>
          )}
        </div>
      ))}
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        {Object.entries(hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <p>{t('appointment.intro')}</p>
        <RadioGroup
          name="mode"
          label={t('appointment.mode')}
          error={errors.mode}
          value={values.mode}
          choices={APPOINTMENT_MODES.map((m) => ({ value: m, label: modeLabel(ctx, m) }))}
        />
        <RadioGroup
          name="location"
          label={t('appointment.location')}
          hint={t('appointment.locationHint')}
          error={errors.location}
          value={values.location}
          choices={locations.map((l) => ({
            value: l.key,
            label: l.label[lang],
            description: l.instructions[lang] || undefined,
          }))}
        />
        {(['slot1', 'slot2', 'slot3'] as const).map((name, i) => (
          <TextField
            name={name}
            type="datetime-local"
            label={t('appointment.slot', { n: i + 1 })}
            hint={i === 0 ? t('appointment.slotHint') : undefined}
            error={errors[name]}
            value={values[name]}
          />
        ))}
        {askEmail && (
          <TextField
            name="email"
            type="email"
            label={t('mailbox.notifyEmail')}
            hint={t('appointment.emailHint')}
            error={errors.email}
            value={values.email}
            autocomplete="email"
          />
        )}
        <SubmitButton>{t('appointment.submit')}</SubmitButton>
      </form>
    </section>
  );
}
