import { Layout } from '../../ui/layout.js';
import { ErrorSummary, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { AppointmentSection } from './appointment-section.js';
import type { MeetingLocation } from './locations.service.js';

/** After the intake: ask for a conversation, or see that the request was received. */
export function IntakeAppointmentPage({
  ctx,
  idempotencyKey,
  errors,
  done,
  locations = [],
  values,
}: {
  ctx: ViewContext;
  idempotencyKey: string;
  errors: FieldErrors;
  done: boolean;
  locations?: MeetingLocation[];
  values?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('appointment.heading')} isPublic>
      <h1 class="utrecht-heading-1">{t('appointment.heading')}</h1>
      <ErrorSummary errors={errors} t={t} />
      {done ? (
        <p role="status" data-testid="appointment-requested">
          {t('appointment.requestedNotice')}
        </p>
      ) : (
        <AppointmentSection
          ctx={ctx}
          appointments={[]}
          errors={errors}
          action="/melden/afspraak"
          hidden={{ idempotencyKey }}
          askEmail
          titled={false}
          locations={locations}
          values={values}
        />
      )}
    </Layout>
  );
}
