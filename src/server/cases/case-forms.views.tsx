import { nextStatuses, isCaseStatus } from '../../domain/case-status.js';
import { CHANNELS, FOLLOW_UPS, REPORTER_GOALS } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import { CsrfField } from '../../ui/layout.js';
import { RadioGroup, SubmitButton, TextArea, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { CaseView } from './cases.presenter.js';
import { DateField, SelectField } from './case-fields.js';
import { EXPORT_SECTIONS } from './case-export.pdf.js';
import type { Child } from 'hono/jsx';
import { RecipientSelect } from '../consent/recipient-select.js';
import type { RecipientChoices } from '../consent/recipients.service.js';

export interface CaseFormsProps {
  ctx: ViewContext;
  view: CaseView;
  errors: FieldErrors;
  values: Record<string, string>;
  canHandle: boolean;
  canAssign: boolean;
  advisers: { id: string; name: string }[];
  today: string;
  /** Whom a handover may go to: the referral directory and roles (issue 19). */
  recipients: RecipientChoices;
  /** The team's faculties and units, for the case's own (issue 19). */
  orgUnits: { value: string; label: string }[];
}

/** The fields of each form, to open its disclosure when the form came back with errors or input. */
const FORM_FIELDS = {
  assign: ['adviserId', 'assignReason'],
  status: ['to', 'followUp', 'closedOn', 'aftercareWeeks', 'reason'],
  contact: ['occurredOn', 'contactChannel', 'participants', 'notes', 'isFeedback'],
  task: ['title', 'dueOn'],
  goal: ['goal'],
  orgUnit: ['orgUnit'],
  link: ['reference'],
  support: ['supportAdviserId', 'supportChannel'],
  export: ['purpose', 'handoverKind', 'handoverTo', 'sections'],
  conflict: [],
} as const satisfies Record<string, readonly string[]>;

/**
 * One action of the case page behind a disclosure (issue 19): closed until asked for, open when
 * its form came back with errors or input, so the error summary's links reach their fields.
 */
function Action({
  id,
  title,
  form,
  errors,
  values,
  children,
}: {
  id: string;
  title: string;
  form: keyof typeof FORM_FIELDS;
  errors: FieldErrors;
  values: Record<string, string>;
  children: Child;
}) {
  const isOpen = (FORM_FIELDS[form] as readonly string[]).some(
    (f) => errors[f] !== undefined || values[f] !== undefined,
  );
  return (
    <details class="action" id={id} open={isOpen}>
      <summary class="action__summary">{title}</summary>
      <div class="action__body">{children}</div>
    </details>
  );
}

/** The forms of a case page; each posts to its own route and comes back here (PRG). */
export function CaseForms(p: CaseFormsProps) {
  const { ctx, view, errors, values, today } = p;
  const { t, lang } = ctx;
  const action = (path: string) => `/cases/${view.id}/${path}`;
  const channels = CHANNELS.map((c) => ({ value: c, label: vocabLabel('channel', c, lang) }));
  const advisers = p.advisers.map((a) => ({ value: a.id, label: a.name }));
  const next = isCaseStatus(view.status) ? nextStatuses(view.status) : [];
  return (
    <>
      {p.canAssign && (
        <Action
          id="action-assign"
          title={t('cases.section.assignment')}
          form="assign"
          errors={errors}
          values={values}
        >
          <form method="post" action={action('assign')}>
            <CsrfField ctx={ctx} />
            <SelectField
              name="adviserId"
              label={t('cases.assign.adviser')}
              choices={advisers}
              value={values.adviserId ?? view.preferredAdviserId ?? undefined}
              error={errors.adviserId}
            />
            <TextArea
              name="assignReason"
              label={t('cases.assign.reason')}
              hint={t('cases.assign.reasonHint')}
              value={values.assignReason}
              error={errors.assignReason}
            />
            <SubmitButton>{t('cases.assign.submit')}</SubmitButton>
          </form>
        </Action>
      )}
      {p.canHandle && (
        <>
          <Action
            id="action-status"
            title={t('cases.section.status')}
            form="status"
            errors={errors}
            values={values}
          >
            <p class="hint">{t('cases.status.hint')}</p>
            <form method="post" action={action('status')}>
              <CsrfField ctx={ctx} />
              <RadioGroup
                name="to"
                label={t('cases.status.to')}
                value={values.to}
                error={errors.to}
                choices={next.map((s) => ({ value: s, label: vocabLabel('status', s, lang) }))}
              />
              {next.includes('closed') && (
                <fieldset class="status-only">
                  <legend>{t('records.status.closeOnly')}</legend>
                  <SelectField
                    name="followUp"
                    label={t('cases.status.followUp')}
                    blank={t('cases.filter.any')}
                    value={values.followUp}
                    error={errors.followUp}
                    choices={FOLLOW_UPS.map((f) => ({
                      value: f,
                      label: vocabLabel('followUp', f, lang),
                    }))}
                  />
                  <DateField
                    name="closedOn"
                    label={t('cases.status.closedOn')}
                    value={values.closedOn ?? today}
                    error={errors.closedOn}
                  />
                </fieldset>
              )}
              {next.includes('aftercare') && (
                <fieldset class="status-only">
                  <legend>{t('records.status.aftercareOnly')}</legend>
                  <SelectField
                    name="aftercareWeeks"
                    label={t('cases.status.aftercareWeeks')}
                    hint={t('records.status.aftercareHint')}
                    value={values.aftercareWeeks ?? '4'}
                    error={errors.aftercareWeeks}
                    choices={['1', '2', '4', '6', '8', '12'].map((w) => ({ value: w, label: w }))}
                  />
                </fieldset>
              )}
              <TextArea
                name="reason"
                label={t('cases.status.reason')}
                value={values.reason}
                error={errors.reason}
              />
              <SubmitButton>{t('cases.status.submit')}</SubmitButton>
            </form>
          </Action>
          <Action
            id="action-contact"
            title={t('cases.contact.add')}
            form="contact"
            errors={errors}
            values={values}
          >
            <form method="post" action={action('contacts')}>
              <CsrfField ctx={ctx} />
              <DateField
                name="occurredOn"
                label={t('cases.contact.occurredOn')}
                value={values.occurredOn ?? today}
                error={errors.occurredOn}
              />
              <SelectField
                name="contactChannel"
                label={t('cases.contact.channel')}
                choices={channels}
                value={values.contactChannel}
                error={errors.contactChannel}
              />
              <TextField
                name="participants"
                label={t('cases.contact.participants')}
                value={values.participants}
                error={errors.participants}
              />
              <TextArea
                name="notes"
                label={t('cases.contact.notes')}
                value={values.notes}
                error={errors.notes}
              />
              <div class="choice">
                <input
                  type="checkbox"
                  id="field-isFeedback"
                  name="isFeedback"
                  value="yes"
                  checked={values.isFeedback === 'yes'}
                />
                <label for="field-isFeedback">{t('cases.contact.isFeedback')}</label>
              </div>
              <SubmitButton>{t('cases.contact.submit')}</SubmitButton>
            </form>
          </Action>
          <Action
            id="action-task"
            title={t('cases.task.add')}
            form="task"
            errors={errors}
            values={values}
          >
            <form method="post" action={action('tasks')}>
              <CsrfField ctx={ctx} />
              <TextField
                name="title"
                label={t('cases.task.title')}
                value={values.title}
                error={errors.title}
              />
              <DateField
                name="dueOn"
                label={t('cases.task.dueOn')}
                value={values.dueOn}
                error={errors.dueOn}
              />
              <SubmitButton>{t('cases.task.submit')}</SubmitButton>
            </form>
          </Action>
          <Action
            id="action-goal"
            title={t('cases.section.goal')}
            form="goal"
            errors={errors}
            values={values}
          >
            <form method="post" action={action('goal')}>
              <CsrfField ctx={ctx} />
              <RadioGroup
                name="goal"
                label={t('case.goal')}
                value={values.goal ?? view.reporterGoal ?? undefined}
                error={errors.goal}
                choices={REPORTER_GOALS.map((g) => ({
                  value: g,
                  label: vocabLabel('goal', g, lang),
                }))}
              />
              <SubmitButton>{t('cases.goal.submit')}</SubmitButton>
            </form>
          </Action>
          {p.orgUnits.length > 0 && (
            <Action
              id="action-org-unit"
              title={t('records.orgUnitAction')}
              form="orgUnit"
              errors={errors}
              values={values}
            >
              <form method="post" action={action('org-unit')}>
                <CsrfField ctx={ctx} />
                <SelectField
                  name="orgUnit"
                  label={t('records.orgUnit')}
                  hint={t('records.orgUnitHint')}
                  blank={t('records.orgUnitUnknown')}
                  value={values.orgUnit ?? view.orgUnitKey ?? undefined}
                  error={errors.orgUnit}
                  choices={p.orgUnits}
                />
                <SubmitButton>{t('records.orgUnitSubmit')}</SubmitButton>
              </form>
            </Action>
          )}
          <Action
            id="action-link"
            title={t('cases.link.add')}
            form="link"
            errors={errors}
            values={values}
          >
            <form method="post" action={action('links')}>
              <CsrfField ctx={ctx} />
              <TextField
                name="reference"
                label={t('cases.link.reference')}
                value={values.reference}
                error={errors.reference}
              />
              <SubmitButton>{t('cases.link.submit')}</SubmitButton>
            </form>
          </Action>
          {!view.supportCase && !view.supportFor && (
            <Action
              id="action-support"
              title={t('cases.section.support')}
              form="support"
              errors={errors}
              values={values}
            >
              <p>{t('cases.support.text')}</p>
              <form method="post" action={action('support-case')}>
                <CsrfField ctx={ctx} />
                <SelectField
                  name="supportAdviserId"
                  label={t('cases.support.adviser')}
                  value={values.supportAdviserId}
                  error={errors.supportAdviserId}
                  choices={advisers.filter((a) => a.value !== view.assignedAdviserId)}
                />
                <SelectField
                  name="supportChannel"
                  label={t('cases.support.channel')}
                  choices={channels}
                  value={values.supportChannel}
                  error={errors.supportChannel}
                />
                <SubmitButton>{t('cases.support.submit')}</SubmitButton>
              </form>
            </Action>
          )}
          <Action
            id="action-export"
            title={t('cases.section.export')}
            form="export"
            errors={errors}
            values={values}
          >
            <form method="post" action={action('export')}>
              <CsrfField ctx={ctx} />
              <RadioGroup
                name="purpose"
                label={t('cases.export.purpose')}
                value={values.purpose}
                error={errors.purpose}
                choices={[
                  { value: 'data_subject_request', label: t('cases.export.dataSubject') },
                  { value: 'handover', label: t('cases.export.handover') },
                ]}
              />
              <RecipientSelect
                t={t}
                lang={lang}
                id="field-handoverTo"
                name="handoverTo"
                label={t('consent.export.handoverTo')}
                choices={p.recipients}
                kinds={['partner', 'role']}
                blank={t('consent.export.notHandover')}
                value={
                  values.handoverKind
                    ? `${values.handoverKind}:${values.handoverTo}`
                    : values.handoverTo
                }
                error={errors.handoverTo}
              />
              <div class={`form-field${errors.sections ? ' field--invalid' : ''}`}>
                <fieldset>
                  <legend>{t('cases.export.sections')}</legend>
                  {errors.sections && (
                    <p class="error-message" id="error-sections">
                      {errors.sections}
                    </p>
                  )}
                  {EXPORT_SECTIONS.map((s, i) => (
                    <div class="choice">
                      <input
                        type="checkbox"
                        id={i === 0 ? 'field-sections' : `field-sections-${s}`}
                        name="sections"
                        value={s}
                        checked
                      />
                      <label for={i === 0 ? 'field-sections' : `field-sections-${s}`}>
                        {t(`cases.export.section.${s}`)}
                      </label>
                    </div>
                  ))}
                </fieldset>
              </div>
              <SubmitButton>{t('cases.export.submit')}</SubmitButton>
            </form>
            <p>
              {t('cases.export.subjectJson')}{' '}
              <a href={action('subject-export')}>{t('cases.export.subjectJsonLink')}</a>
            </p>
          </Action>
        </>
      )}
      <Action
        id="action-conflict"
        title={t('cases.conflict.heading')}
        form="conflict"
        errors={errors}
        values={values}
      >
        <p>{t('cases.conflict.text')}</p>
        <form method="post" action={action('conflict')}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('cases.conflict.submit')}
          </button>
        </form>
      </Action>
    </>
  );
}
