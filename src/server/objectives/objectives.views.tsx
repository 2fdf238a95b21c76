import { Layout } from '../../ui/layout.js';
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
import type { TeamScope } from '../protocols/team-scope.js';
import { OBJECTIVE_KINDS, OBJECTIVE_STATUSES } from './objectives.schema.js';
import type { ObjectiveView, ObjectiveYear } from './objectives.service.js';

interface Props {
  ctx: ViewContext;
  scope: TeamScope;
  year: number;
  data: ObjectiveYear;
  errors: FieldErrors;
  values: Record<string, string>;
}

/** Objectives and recommendations to the board for one year, each with status and notes. */
export function ObjectivesPage({ ctx, scope, year, data, errors, values }: Props) {
  const { t } = ctx;
  const title = t('objectives.title', { year });
  const q = `team=${scope.teamId}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p>
        {scope.teamName} — <a href={`/team/objectives?${q}&year=${year - 1}`}>{year - 1}</a> ·{' '}
        <a href={`/team/objectives?${q}&year=${year + 1}`}>{year + 1}</a>
      </p>
      <ErrorSummary errors={errors} t={t} />
      {(['objectives', 'recommendations'] as const).map((part) => (
        <section aria-labelledby={`h-${part}`}>
          <h2 id={`h-${part}`}>{t(`objectives.${part}`)}</h2>
          {data[part].length === 0 ? (
            <p>{t('objectives.none')}</p>
          ) : (
            <ul class="objective-list" data-testid={part}>
              {data[part].map((o) => (
                <ObjectiveItem ctx={ctx} scope={scope} year={year} o={o} />
              ))}
            </ul>
          )}
        </section>
      ))}
      <section aria-labelledby="objective-new">
        <h2 id="objective-new">{t('objectives.new')}</h2>
        <form method="post" action={`/team/objectives?${q}`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField
            name="year"
            label={t('objectives.year')}
            value={values.year ?? String(year)}
            error={errors.year}
          />
          <RadioGroup
            name="kind"
            label={t('objectives.kind')}
            value={values.kind}
            error={errors.kind}
            choices={OBJECTIVE_KINDS.map((k) => ({
              value: k,
              label: t(`objectives.kind.${k}` as MessageKey),
            }))}
          />
          <TextArea
            name="title"
            label={t('objectives.titleField')}
            value={values.title}
            error={errors.title}
          />
          <TextArea
            name="notes"
            label={t('objectives.notes')}
            value={values.notes}
            error={errors.notes}
          />
          <SubmitButton>{t('objectives.save')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

function ObjectiveItem({
  ctx,
  scope,
  year,
  o,
}: {
  ctx: ViewContext;
  scope: TeamScope;
  year: number;
  o: ObjectiveView;
}) {
  const { t } = ctx;
  return (
    <li data-status={o.status}>
      <p>
        <strong>{o.title}</strong> — {t(`objectives.status.${o.status}` as MessageKey)}
        {o.carriedFromYear && ` (${t('objectives.carriedFrom', { year: o.carriedFromYear })})`}
      </p>
      {o.notes && <p class="narrative">{o.notes}</p>}
      <form method="post" action={`/team/objectives/${o.id}?team=${scope.teamId}&year=${year}`}>
        <CsrfField token={ctx.csrfToken} />
        <label for={`status-${o.id}`}>{t('objectives.statusOf', { title: o.title })}</label>{' '}
        <select id={`status-${o.id}`} name="status">
          {OBJECTIVE_STATUSES.map((s) => (
            <option value={s} selected={s === o.status}>
              {t(`objectives.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>{' '}
        <label for={`notes-${o.id}`}>{t('objectives.notes')}</label>{' '}
        <input id={`notes-${o.id}`} name="notes" value={o.notes ?? ''} />{' '}
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t('objectives.update')}
          <span class="visually-hidden">: {o.title}</span>
        </button>
      </form>
    </li>
  );
}
