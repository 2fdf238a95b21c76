import { Layout, CsrfField } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { MeetingLocation } from './locations.service.js';

/** One location's form: the key is fixed once chosen; a new one is typed. */
function LocationForm({
  ctx,
  teamId,
  location,
  errors,
  values,
}: {
  ctx: ViewContext;
  teamId: string;
  location?: MeetingLocation;
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { t } = ctx;
  const v = (name: string, fallback: string) => values[name] ?? fallback;
  const prefix = location ? `${location.key}-` : 'new-';
  return (
    <form method="post" action={`/team/locations?team=${teamId}`} novalidate>
      <CsrfField ctx={ctx} />
      {location ? (
        <input type="hidden" name="key" value={location.key} />
      ) : (
        <TextField
          name="key"
          label={t('location.key')}
          hint={t('location.keyHint')}
          value={values.key}
          error={errors.key}
        />
      )}
      <div class="form-field">
        <label for={`${prefix}labelNl`}>{t('location.labelNl')}</label>
        <input
          type="text"
          id={`${prefix}labelNl`}
          name="labelNl"
          value={v('labelNl', location?.label.nl ?? '')}
        />
      </div>
      <div class="form-field">
        <label for={`${prefix}labelEn`}>{t('location.labelEn')}</label>
        <input
          type="text"
          id={`${prefix}labelEn`}
          name="labelEn"
          value={v('labelEn', location?.label.en ?? '')}
        />
      </div>
      <div class="form-field">
        <label for={`${prefix}instructionsNl`}>{t('location.instructionsNl')}</label>
        <textarea id={`${prefix}instructionsNl`} name="instructionsNl">
          {v('instructionsNl', location?.instructions.nl ?? '')}
        </textarea>
      </div>
      <div class="form-field">
        <label for={`${prefix}instructionsEn`}>{t('location.instructionsEn')}</label>
        <textarea id={`${prefix}instructionsEn`} name="instructionsEn">
          {v('instructionsEn', location?.instructions.en ?? '')}
        </textarea>
      </div>
      <div class="choice">
        <input
          type="checkbox"
          id={`${prefix}isActive`}
          name="isActive"
          value="on"
          checked={location ? location.isActive : true}
        />
        <label for={`${prefix}isActive`}>{t('location.active')}</label>
      </div>
      <SubmitButton>{location ? t('location.save') : t('location.add')}</SubmitButton>
    </form>
  );
}

/** The coordinator's (or administrator's) page: where the team's conversations can take place. */
export function LocationsPage({
  ctx,
  teamId,
  teamName,
  locations,
  errors = {},
  values = {},
  editedKey,
}: {
  ctx: ViewContext;
  teamId: string;
  teamName: string;
  locations: MeetingLocation[];
  errors?: FieldErrors;
  values?: Record<string, string>;
  editedKey?: string;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('location.title')}>
      <h1 class="utrecht-heading-1">{t('location.title')}</h1>
      <p>{t('location.intro', { team: teamName })}</p>
      <ErrorSummary errors={errors} t={t} />
      {locations.map((l) => (
        <section class="panel" data-testid="location" aria-labelledby={`loc-${l.key}`}>
          <h2 id={`loc-${l.key}`}>
            {l.label[lang]}
            {!l.isActive && <> ({t('location.inactive')})</>}
          </h2>
          <LocationForm
            ctx={ctx}
            teamId={teamId}
            location={l}
            errors={editedKey === l.key ? errors : {}}
            values={editedKey === l.key ? values : {}}
          />
        </section>
      ))}
      <section aria-labelledby="loc-new">
        <h2 id="loc-new">{t('location.new')}</h2>
        <LocationForm
          ctx={ctx}
          teamId={teamId}
          errors={editedKey === undefined ? errors : {}}
          values={editedKey === undefined ? values : {}}
        />
      </section>
    </Layout>
  );
}
