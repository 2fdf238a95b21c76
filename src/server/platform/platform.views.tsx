import { CsrfField, Layout } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { InstitutionSummary } from './platform.service.js';

/** The platform operator's page: the institutions, a new one, and a new set-up link shown once. */

const INTAKE_MODES = {
  open: 'platform.intakeMode.open',
  proof_required: 'platform.intakeMode.proof_required',
  closed: 'platform.intakeMode.closed',
} as const;
export function PlatformPage(props: {
  ctx: ViewContext;
  institutions: InstitutionSummary[];
  values: Record<string, string>;
  errors: FieldErrors;
  created?: { name: string; link: string };
  notice?: string;
}) {
  const { ctx, institutions, values, errors, created, notice } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('platform.title')}>
      <h1 class="utrecht-heading-1">{t('platform.title')}</h1>
      <p>{t('platform.intro')}</p>
      {notice && (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p>{notice}</p>
        </div>
      )}
      {created && (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p>{t('platform.created', { name: created.name })}</p>
          <p>
            <code class="setup-link">{created.link}</code>
          </p>
        </div>
      )}
      <h2 class="utrecht-heading-2">{t('platform.list')}</h2>
      <table class="utrecht-table">
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">
              {t('platform.name')}
            </th>
            <th scope="col" class="utrecht-table__header-cell">
              {t('platform.key')}
            </th>
            <th scope="col" class="utrecht-table__header-cell">
              {t('platform.host')}
            </th>
            <th scope="col" class="utrecht-table__header-cell">
              {t('platform.colour')}
            </th>
            <th scope="col" class="utrecht-table__header-cell">
              {t('platform.intake')}
            </th>
            <th scope="col" class="utrecht-table__header-cell">
              {t('platform.counts')}
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {institutions.map((i) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">
                <a href={`/platform/institutions/${i.id}`}>
                  {t('institutionSettings.openOf', { name: i.name })}
                </a>
              </td>
              <td class="utrecht-table__cell">{i.key}</td>
              <td class="utrecht-table__cell">{i.host ?? '—'}</td>
              <td class="utrecht-table__cell">
                <form method="post" action={`/platform/institutions/${i.id}/colour`}>
                  <CsrfField ctx={ctx} />
                  <label for={`colour-${i.id}`}>
                    {t('platform.colourOf', { name: i.name })}
                  </label>{' '}
                  <input
                    id={`colour-${i.id}`}
                    name="colour"
                    type="text"
                    size={8}
                    value={i.colourPrimary ?? ''}
                  />{' '}
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    {t('platform.colourSave')}
                  </button>
                </form>
              </td>
              <td class="utrecht-table__cell">
                <form method="post" action={`/platform/institutions/${i.id}/intake`}>
                  <CsrfField ctx={ctx} />
                  <label for={`intake-${i.id}`}>
                    {t('platform.intakeOf', { name: i.name })}
                  </label>{' '}
                  <select id={`intake-${i.id}`} name="mode" class="utrecht-select">
                    {Object.entries(INTAKE_MODES).map(([m, label]) => (
                      <option value={m} selected={i.intakeMode === m}>
                        {t(label)}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    {t('platform.intakeSave')}
                  </button>
                </form>
              </td>
              <td class="utrecht-table__cell">
                {t('platform.countsValue', {
                  teams: String(i.teams),
                  accounts: String(i.accounts),
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="utrecht-heading-2">{t('platform.new')}</h2>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/platform/institutions" novalidate>
        <CsrfField ctx={ctx} />
        <TextField name="name" label={t('platform.name')} value={values.name} error={errors.name} />
        <TextField
          name="key"
          label={t('platform.key')}
          hint={t('admin.keyHint')}
          value={values.key}
          error={errors.key}
        />
        <TextField
          name="host"
          label={t('platform.host')}
          hint={t('platform.hostHint')}
          value={values.host}
          error={errors.host}
        />
        <TextField
          name="colour"
          label={t('platform.colour')}
          hint={t('platform.colourHint')}
          value={values.colour}
          error={errors.colour}
        />
        <TextField
          name="teamNameNl"
          label={t('admin.team.nameNl')}
          value={values.teamNameNl}
          error={errors.teamNameNl}
        />
        <TextField
          name="teamNameEn"
          label={t('admin.team.nameEn')}
          value={values.teamNameEn}
          error={errors.teamNameEn}
        />
        <TextField
          name="adminName"
          label={t('platform.adminName')}
          value={values.adminName}
          error={errors.adminName}
        />
        <TextField
          name="adminEmail"
          type="email"
          label={t('platform.adminEmail')}
          value={values.adminEmail}
          error={errors.adminEmail}
        />
        <SubmitButton>{t('platform.create')}</SubmitButton>
      </form>
    </Layout>
  );
}
