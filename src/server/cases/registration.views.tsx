import { GENDERS, LOCATIONS, PERSON_ROLES, REPORTER_GOALS, VIAS } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import type { CategoryDefinition } from '../../domain/taxonomy.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { DateField, SelectField } from './case-fields.js';
import { STAFF_CHANNELS } from './registration.schema.js';

interface Props {
  ctx: ViewContext;
  teams: { id: string; name: string }[];
  advisers: { id: string; name: string }[];
  categories: CategoryDefinition[];
  /** The team's faculties and units (the intake's taxonomy), so the annual report counts the case by them. */
  orgUnits: { value: string; label: string }[];
  values: Record<string, string>;
  errors: FieldErrors;
}

/** Staff register a report that came in by phone, e-mail, in person, online or by appointment. */
export function RegistrationPage({
  ctx,
  teams,
  advisers,
  categories,
  orgUnits,
  values,
  errors,
}: Props) {
  const { t, lang } = ctx;
  const vocab = (v: Parameters<typeof vocabLabel>[0], keys: readonly string[]) =>
    keys.map((k) => ({ value: k, label: vocabLabel(v, k, lang) }));
  const subtypes = categories.flatMap((c) =>
    c.subtypes.map((s) => ({ value: s.key, label: `${c.label[lang]}: ${s.label[lang]}` })),
  );
  return (
    <Layout ctx={ctx} title={t('cases.register.title')}>
      <h1 class="utrecht-heading-1">{t('cases.register.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      <p>{t('cases.register.intro')}</p>
      <form method="post" action="/cases/new" novalidate>
        <CsrfField ctx={ctx} />
        {teams.length === 1 ? (
          <input type="hidden" name="team" value={teams[0]!.id} />
        ) : (
          <SelectField
            name="team"
            label={t('cases.register.team')}
            value={values.team}
            error={errors.team}
            choices={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
          />
        )}
        <DateField
          name="receivedOn"
          label={t('cases.register.receivedOn')}
          value={values.receivedOn}
          error={errors.receivedOn}
        />
        <RadioGroup
          name="channel"
          label={t('cases.register.channel')}
          value={values.channel}
          error={errors.channel}
          choices={vocab('channel', STAFF_CHANNELS)}
        />
        <RadioGroup
          name="via"
          label={t('cases.register.via')}
          value={values.via}
          error={errors.via}
          choices={vocab('via', VIAS)}
        />
        <TextField
          name="intermediary"
          label={t('cases.register.intermediary')}
          hint={t('cases.register.intermediaryHint')}
          value={values.intermediary}
          error={errors.intermediary}
        />
        <RadioGroup
          name="reporterRole"
          label={t('cases.register.reporterRole')}
          value={values.reporterRole}
          error={errors.reporterRole}
          choices={vocab('role', PERSON_ROLES)}
        />
        <RadioGroup
          name="reporterGender"
          label={t('cases.register.gender')}
          value={values.reporterGender}
          error={errors.reporterGender}
          choices={vocab('gender', GENDERS)}
        />
        <SelectField
          name="category"
          label={t('cases.register.category')}
          value={values.category}
          error={errors.category}
          choices={categories.map((c) => ({ value: c.key, label: c.label[lang] }))}
        />
        <SelectField
          name="subtype"
          label={t('cases.register.subtype')}
          blank={t('cases.register.subtypeNone')}
          value={values.subtype}
          error={errors.subtype}
          choices={subtypes}
        />
        <RadioGroup
          name="location"
          label={t('cases.register.location')}
          value={values.location}
          error={errors.location}
          choices={vocab('location', LOCATIONS)}
        />
        {orgUnits.length > 0 && (
          <SelectField
            name="orgUnit"
            label={t('records.orgUnit')}
            hint={t('records.orgUnitHint')}
            blank={t('records.orgUnitUnknown')}
            value={values.orgUnit}
            error={errors.orgUnit}
            choices={orgUnits}
          />
        )}
        <RadioGroup
          name="accusedRole"
          label={t('cases.register.accusedRole')}
          value={values.accusedRole}
          error={errors.accusedRole}
          choices={vocab('role', PERSON_ROLES)}
        />
        <SelectField
          name="goal"
          label={t('cases.register.goal')}
          blank={t('cases.register.goalUnknown')}
          value={values.goal}
          error={errors.goal}
          choices={vocab('goal', REPORTER_GOALS)}
        />
        <RadioGroup
          name="anonymous"
          label={t('cases.register.anonymous')}
          value={values.anonymous}
          error={errors.anonymous}
          choices={[
            { value: 'no', label: t('cases.register.anonymousNo') },
            { value: 'yes', label: t('cases.register.anonymousYes') },
          ]}
        />
        <TextField
          name="name"
          label={t('cases.register.name')}
          value={values.name}
          error={errors.name}
        />
        <TextField
          name="contact"
          label={t('cases.register.contact')}
          value={values.contact}
          error={errors.contact}
        />
        <TextArea
          name="narrative"
          label={t('cases.register.narrative')}
          value={values.narrative}
          error={errors.narrative}
        />
        <SelectField
          name="preferredAdviserId"
          label={t('cases.register.preferredAdviser')}
          blank={t('cases.register.noPreference')}
          value={values.preferredAdviserId}
          error={errors.preferredAdviserId}
          choices={advisers.map((a) => ({ value: a.id, label: a.name }))}
        />
        <SubmitButton>{t('cases.register.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
