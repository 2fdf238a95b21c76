import { GENDERS, LOCATIONS, PERSON_ROLES, REPORTER_GOALS } from '../../domain/taxonomy.js';
import { BEHALF_CHOICES, PREFERRED_CHANNELS } from '../../domain/intake-answers.js';
import { vocabLabel } from '../../domain/labels.js';
import { RadioGroup, TextArea, TextField, type Choice, type FieldErrors } from '../../ui/form.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ViewContext } from '../http/env.js';
import type { Team } from '../teams/teams.service.js';
import type { Answers } from './intake-draft.js';
import { UNDEFINED_ORG_UNIT, type IntakeOptions } from './intake-options.js';

/** Everything a question needs to render: the answers so far, the team's offer, the errors. */
export interface QuestionProps {
  ctx: ViewContext;
  answers: Answers;
  errors: FieldErrors;
  teams: Team[];
  options: IntakeOptions;
}

const forOther = (a: Answers) => Boolean(a.behalf) && a.behalf !== 'self';

/** The question of a step, as its heading and in the check-your-answers list. */
export function questionLabel(key: string, a: Answers): MessageKey {
  const labels: Record<string, MessageKey> = {
    team: 'intake.team',
    behalf: 'intake.behalf',
    category: 'intake.category',
    subtype: 'intake.subtype',
    narrative: 'intake.narrativeQuestion',
    when: 'intake.when',
    location: 'intake.location',
    reporterRole: forOther(a) ? 'intake.reporterRoleOther' : 'intake.reporterRole',
    gender: forOther(a) ? 'intake.genderOther' : 'intake.gender',
    orgUnit: forOther(a) ? 'intake.orgUnitOther' : 'intake.orgUnit',
    accusedRole: 'intake.accusedRole',
    accused: 'intake.accused',
    goal: 'intake.goal',
    anonymous: 'intake.anonymous',
    contact: 'intake.contactHeading',
    channel: 'intake.channel',
    adviser: 'intake.adviser',
  };
  return labels[key]!;
}

/** The choices of each radio question, for the page and for showing an answer back. */
export function choicesFor(key: string, p: Omit<QuestionProps, 'errors'>): Choice[] {
  const { t, lang } = p.ctx;
  const vocab = (v: 'location' | 'role' | 'goal', keys: readonly string[]) =>
    keys.map((k) => ({ value: k, label: vocabLabel(v, k, lang) }));
  switch (key) {
    case 'team':
      return p.teams.map((team) => ({
        value: team.key,
        label: lang === 'nl' ? team.nameNl : team.nameEn,
      }));
    case 'behalf':
      return BEHALF_CHOICES.map((b) => ({
        value: b,
        label: t(`intake.behalf.${b}` as MessageKey),
      }));
    case 'category':
      return p.options.categories.map((c) => ({
        value: c.key,
        label: c.label[lang],
        description: c.definition[lang],
      }));
    case 'subtype':
      return [
        ...(p.options.categories.find((c) => c.key === p.answers.category)?.subtypes ?? []).map(
          (s) => ({ value: s.key, label: s.label[lang] }),
        ),
        { value: '', label: t('intake.subtypeNone') },
      ];
    case 'location':
      return vocab('location', LOCATIONS);
    case 'reporterRole':
    case 'accusedRole':
      return vocab('role', PERSON_ROLES);
    case 'gender':
      return GENDERS.map((g) => ({
        value: g,
        label: g === 'not_stated' ? t('intake.genderNotStated') : vocabLabel('gender', g, lang),
      }));
    case 'orgUnit':
      return [
        ...p.options.orgUnits.map((u) => ({
          value: u.key,
          label: lang === 'nl' ? u.labelNl : u.labelEn,
        })),
        { value: UNDEFINED_ORG_UNIT, label: t('intake.orgUnitUndefined') },
      ];
    case 'goal':
      return vocab('goal', REPORTER_GOALS);
    case 'anonymous':
      return [
        { value: 'yes', label: t('intake.anonymousYes') },
        { value: 'no', label: t('intake.anonymousNo') },
      ];
    case 'channel':
      return PREFERRED_CHANNELS.map((c) => ({
        value: c,
        label: t(`intake.channel.${c}` as MessageKey),
      }));
    case 'adviser':
      return [
        ...p.options.advisers.map((a) => ({
          value: a.userId,
          label: a.displayName,
          description: [
            a.intro[lang] || a.intro[lang === 'nl' ? 'en' : 'nl'],
            a.languages.length ? `${t('intake.adviserLanguages')}: ${a.languages.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join(' — '),
        })),
        { value: '', label: t('intake.adviserNone') },
      ];
    default:
      return [];
  }
}

const HINTS: Record<string, MessageKey> = {
  category: 'intake.categoryHint',
  gender: 'intake.genderHint',
};

/** The form controls of one question page; the question is the page's h1. */
export function QuestionFields(p: QuestionProps & { stepKey: string }) {
  const { t } = p.ctx;
  const { stepKey: key, answers: a, errors } = p;
  const title = t(questionLabel(key, a));
  switch (key) {
    case 'narrative':
      return (
        <TextArea
          heading
          name="narrative"
          label={title}
          hint={t('intake.narrativeHint')}
          error={errors.narrative}
          value={a.narrative}
        />
      );
    case 'when':
      return <WhenFields {...p} title={title} />;
    case 'accused':
      return (
        <>
          <h1 class="utrecht-heading-1">{title}</h1>
          <p class="hint">{t('intake.accusedHint')}</p>
          {(
            [
              'accusedName',
              'accusedUnit',
              'accusedEmail',
              'accusedNumber',
              'accusedSocial',
            ] as const
          ).map((f) => (
            <TextField
              name={f}
              label={t(`intake.${f}` as MessageKey)}
              hint={f === 'accusedSocial' ? t('intake.accusedSocialHint') : undefined}
              error={errors[f]}
              value={a[f]}
              type={f === 'accusedEmail' ? 'email' : 'text'}
            />
          ))}
        </>
      );
    case 'contact':
      return (
        <>
          <h1 class="utrecht-heading-1">{title}</h1>
          <TextField
            name="name"
            label={t('intake.name')}
            error={errors.name}
            value={a.name}
            autocomplete="name"
          />
          <TextField
            name="contact"
            label={t('intake.contact')}
            hint={t('intake.contactHint')}
            error={errors.contact}
            value={a.contact}
          />
        </>
      );
    default:
      return (
        <RadioGroup
          heading
          name={key}
          label={title}
          hint={HINTS[key] ? t(HINTS[key]!) : undefined}
          error={errors[key]}
          value={a[key] ?? ''}
          choices={choicesFor(key, p)}
        />
      );
  }
}

function WhenFields({ ctx, answers: a, errors, title }: QuestionProps & { title: string }) {
  const { t } = ctx;
  const error = errors.happenedMonth;
  const part = (
    name: 'happenedDay' | 'happenedMonth' | 'happenedYear',
    label: MessageKey,
    width: string,
  ) => (
    <div class="date-input__item">
      <label for={`field-${name}`}>{t(label)}</label>
      <input
        id={`field-${name}`}
        class={`date-input__input date-input--${width}`}
        name={name}
        type="text"
        inputmode="numeric"
        value={a[name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <fieldset aria-describedby={error ? 'hint-when error-happenedMonth' : 'hint-when'}>
        <legend>
          <h1 class="utrecht-heading-1 question-heading">{title}</h1>
        </legend>
        <p class="hint" id="hint-when">
          {t('intake.whenHint')}
        </p>
        {error && (
          <p class="error-message" id="error-happenedMonth">
            {error}
          </p>
        )}
        <div class="date-input">
          {part('happenedDay', 'intake.day', 'short')}
          {part('happenedMonth', 'intake.month', 'short')}
          {part('happenedYear', 'intake.year', 'long')}
        </div>
        <div class="choice">
          <input
            type="checkbox"
            id="field-happenedUnsure"
            name="happenedUnsure"
            value="yes"
            checked={a.happenedUnsure === 'yes'}
          />
          <label for="field-happenedUnsure">{t('intake.whenUnsure')}</label>
        </div>
      </fieldset>
    </div>
  );
}
