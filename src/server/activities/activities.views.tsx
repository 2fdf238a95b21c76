import { Layout } from '../../ui/layout.js';
import { formatLongDate, formatNumber } from '../../ui/dates.js';
import type { Lang } from '../../domain/taxonomy.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
  CsrfField,
} from '../../ui/form.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ViewContext } from '../http/env.js';
import { DateField, SelectField } from '../cases/case-fields.js';
import type { TeamScope } from '../protocols/team-scope.js';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from './activities.schema.js';
import type { ActivityView, ActivityYear } from './activities.service.js';

interface Props {
  ctx: ViewContext;
  scope: TeamScope;
  year: number;
  data: ActivityYear;
  advisers: { id: string; name: string }[];
  errors: FieldErrors;
  values: Record<string, string>;
}

const fmtHours = (h: number, lang: Lang) => formatNumber(h, lang, 2);

/** The team's activities of one year, training hours per adviser, and a form to record one. */
export function ActivitiesPage({ ctx, scope, year, data, advisers, errors, values }: Props) {
  const { t } = ctx;
  const title = t('activities.title', { year });
  const q = `team=${scope.teamId}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p>
        {scope.teamName} — <a href={`/team/activities?${q}&year=${year - 1}`}>{year - 1}</a> ·{' '}
        <a href={`/team/activities?${q}&year=${year + 1}`}>{year + 1}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      <section aria-labelledby="activities-list">
        <h2 id="activities-list">{t('activities.list')}</h2>
        {data.activities.length === 0 ? (
          <p>{t('activities.none')}</p>
        ) : (
          <table class="data" data-testid="activities">
            <caption class="visually-hidden">{t('activities.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.heldOn')}</th>
                <th scope="col">{t('activities.kind')}</th>
                <th scope="col">{t('activities.titleField')}</th>
                <th scope="col">{t('activities.status')}</th>
                <th scope="col">{t('activities.participants')}</th>
                <th scope="col">{t('activities.change')}</th>
              </tr>
            </thead>
            <tbody>
              {data.activities.map((a) => (
                <ActivityRow ctx={ctx} scope={scope} year={year} a={a} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="training-hours">
        <h2 id="training-hours">{t('activities.trainingHours')}</h2>
        {data.trainingHours.length === 0 ? (
          <p>{t('activities.noTraining')}</p>
        ) : (
          <table class="data" data-testid="training-hours">
            <caption class="visually-hidden">{t('activities.trainingHours')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.adviser')}</th>
                <th scope="col">{t('activities.sessions')}</th>
                <th scope="col">{t('activities.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {data.trainingHours.map((h) => (
                <tr>
                  <td>{h.name}</td>
                  <td>{h.sessions}</td>
                  <td>{fmtHours(h.hours, ctx.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="activity-new">
        <h2 id="activity-new">{t('activities.new')}</h2>
        <form method="post" action={`/team/activities?${q}`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <RadioGroup
            name="kind"
            label={t('activities.kind')}
            value={values.kind}
            error={errors.kind}
            choices={ACTIVITY_KINDS.map((k) => ({
              value: k,
              label: t(`activities.kind.${k}` as MessageKey),
            }))}
          />
          <TextField
            name="title"
            label={t('activities.titleField')}
            hint={t('activities.titleHint')}
            value={values.title}
            error={errors.title}
          />
          <DateField
            name="heldOn"
            label={t('activities.heldOn')}
            value={values.heldOn}
            error={errors.heldOn}
          />
          <RadioGroup
            name="status"
            label={t('activities.status')}
            value={values.status ?? 'planned'}
            error={errors.status}
            choices={ACTIVITY_STATUSES.map((s) => ({
              value: s,
              label: t(`activities.status.${s}` as MessageKey),
            }))}
          />
          <TextField
            name="participants"
            label={t('activities.participants')}
            value={values.participants}
            error={errors.participants}
          />
          <TextField
            name="partner"
            label={t('activities.partner')}
            hint={t('activities.partnerHint')}
            value={values.partner}
            error={errors.partner}
          />
          <SelectField
            name="adviserId"
            label={t('activities.adviser')}
            hint={t('activities.adviserHint')}
            blank="—"
            value={values.adviserId}
            error={errors.adviserId}
            choices={advisers.map((a) => ({ value: a.id, label: a.name }))}
          />
          <TextField
            name="hours"
            label={t('activities.hours')}
            hint={t('activities.hoursHint')}
            value={values.hours}
            error={errors.hours}
          />
          <TextArea
            name="notes"
            label={t('activities.notes')}
            hint={t('activities.notesHint')}
            value={values.notes}
            error={errors.notes}
          />
          <SubmitButton>{t('activities.save')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

function ActivityRow({
  ctx,
  scope,
  year,
  a,
}: {
  ctx: ViewContext;
  scope: TeamScope;
  year: number;
  a: ActivityView;
}) {
  const { t } = ctx;
  return (
    <tr>
      <td>{formatLongDate(a.heldOn, ctx.lang)}</td>
      <td>{t(`activities.kind.${a.kind}` as MessageKey)}</td>
      <td>
        {a.title}
        {a.partner && ` (${a.partner})`}
        {a.adviserName &&
          ` — ${a.adviserName}, ${fmtHours(a.hours ?? 0, ctx.lang)} ${t('activities.hoursShort')}`}
      </td>
      <td>{t(`activities.status.${a.status}` as MessageKey)}</td>
      <td>{a.participants ?? '—'}</td>
      <td>
        <form
          method="post"
          action={`/team/activities/${a.id}/status?team=${scope.teamId}&year=${year}`}
          class="inline-form"
        >
          <CsrfField token={ctx.csrfToken} />
          <label for={`status-${a.id}`} class="visually-hidden">
            {t('activities.statusOf', { title: a.title })}
          </label>
          <select id={`status-${a.id}`} name="status">
            {ACTIVITY_STATUSES.map((s) => (
              <option value={s} selected={s === a.status}>
                {t(`activities.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>{' '}
          <label for={`participants-${a.id}`} class="visually-hidden">
            {t('activities.participantsOf', { title: a.title })}
          </label>
          <input
            id={`participants-${a.id}`}
            name="participants"
            size={4}
            inputmode="numeric"
            value={a.participants === null ? '' : String(a.participants)}
          />{' '}
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('activities.update')}
            <span class="visually-hidden">: {a.title}</span>
          </button>
        </form>
      </td>
    </tr>
  );
}
