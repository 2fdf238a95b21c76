import { SubmitButton, TextArea, TextField, CsrfField } from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import { DateField, SelectField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { CONSENT_INFO } from '../../domain/consent.js';
import { RECORDABLE_STEPS, SKIPPABLE_RUNGS } from '../../domain/external-sharing.js';
import type { Partner } from '../admin/partners.service.js';
import type { FormState } from '../../ui/form.js';
import type { EscalationView } from './escalation.service.js';

const F2 = ['allOptionsUsed', 'consentEffortsMade', 'necessaryForRisk'] as const;
const vals = (form: FormState) => form.values as Record<string, string>;

/** Record a step (who/with whom, why, when) or skip a rung with its reason. */
export function StepForms({
  ctx,
  caseId,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  form: FormState;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const v = vals(form);
  return (
    <>
      <section aria-labelledby="esc-add">
        <h2 id="esc-add">{t('escalation.add')}</h2>
        <form method="post" action={`/cases/${caseId}/escalation/steps`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectField
            name="step"
            label={t('escalation.stepLabel')}
            value={v.step}
            error={form.errors.step}
            blank=""
            choices={RECORDABLE_STEPS.map((s) => ({ value: s, label: k(`escalation.step.${s}`) }))}
          />
          <DateField
            name="occurredOn"
            label={t('escalation.when')}
            value={v.occurredOn}
            error={form.errors.occurredOn}
          />
          <TextField
            name="who"
            label={t('escalation.who')}
            hint={t('ladder.whoHint')}
            value={v.who}
            error={form.errors.who}
          />
          <TextArea name="why" label={t('escalation.why')} value={v.why} error={form.errors.why} />
          <SubmitButton>{t('escalation.addSubmit')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="esc-skip">
        <h2 id="esc-skip">{t('ladder.skip')}</h2>
        <p class="hint">{t('ladder.skipHint')}</p>
        <form method="post" action={`/cases/${caseId}/escalation/skip`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectField
            name="rung"
            label={t('ladder.skipRung')}
            value={v.rung}
            error={form.errors.rung}
            blank=""
            choices={SKIPPABLE_RUNGS.map((r) => ({ value: r, label: k(`escalation.rung.${r}`) }))}
          />
          <TextArea
            name="reason"
            label={t('ladder.skipReason')}
            value={v.reason}
            error={form.errors.reason}
          />
          <SubmitButton>{t('ladder.skipSubmit')}</SubmitButton>
        </form>
      </section>
    </>
  );
}

/** Afwegingskader 2: the last answers, and a new assessment. */
export function Framework2Section({
  ctx,
  caseId,
  view,
  canHandle,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  view: EscalationView;
  canHandle: boolean;
  form: FormState;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const checked = F2.filter((x) => form.values[x] === 'yes');
  const f2 = view.framework2;
  return (
    <section aria-labelledby="esc-f2">
      <h2 id="esc-f2">{t('escalation.framework2')}</h2>
      {f2 ? (
        <div data-testid="framework2">
          <p>{t('ladder.f2On', { date: formatLongDate(f2.on, ctx.lang) })}</p>
          <ul>
            {F2.map((q) => (
              <li>
                {k(`ladder.f2q.${q}`)} {f2[q] ? t('ladder.yes') : t('ladder.no')}
              </li>
            ))}
          </ul>
          <p>{f2.explanation}</p>
        </div>
      ) : (
        <p>{t('ladder.f2None')}</p>
      )}
      {canHandle && (
        <form method="post" action={`/cases/${caseId}/escalation/framework2`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div class={`form-field${form.errors.allOptionsUsed ? ' field--invalid' : ''}`}>
            <fieldset
              aria-describedby={form.errors.allOptionsUsed ? 'error-allOptionsUsed' : undefined}
            >
              <legend>{t('ladder.f2Legend')}</legend>
              {form.errors.allOptionsUsed && (
                <p class="error-message" id="error-allOptionsUsed">
                  {form.errors.allOptionsUsed}
                </p>
              )}
              {F2.map((q) => (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`field-${q}`}
                    name={q}
                    value="yes"
                    checked={checked.includes(q)}
                  />
                  <label for={`field-${q}`}>{k(`escalation.f2.${q}`)}</label>
                </div>
              ))}
            </fieldset>
          </div>
          <TextArea
            name="explanation"
            label={t('ladder.f2Explanation')}
            value={vals(form).explanation}
            error={form.errors.explanation}
          />
          <SubmitButton>{t('ladder.f2Submit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

/** The requests to the board and their answers; the coordinator sends a new one. */
export function RequestSection({
  ctx,
  caseId,
  view,
  partners,
  canRequest,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  view: EscalationView;
  partners: Partner[];
  canRequest: boolean;
  form: FormState;
}) {
  const { t, lang } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const v = vals(form);
  const partnerName = (key: string) => partners.find((p) => p.key === key)?.name[lang] ?? key;
  return (
    <section aria-labelledby="esc-board">
      <h2 id="esc-board">{t('board.requestsOfCase')}</h2>
      {view.requests.length === 0 ? (
        <p>{t('board.noRequests')}</p>
      ) : (
        <ul data-testid="board-requests">
          {view.requests.map((r) => (
            <li>
              {formatLongDate(r.requestedOn, ctx.lang)}: {partnerName(r.partner)} —{' '}
              {k(`consent.info.${r.info}`)} — <strong>{k(`board.status.${r.status}`)}</strong>
              {r.decidedOn && (
                <>
                  {' '}
                  ({formatLongDate(r.decidedOn, ctx.lang)}: {r.reason})
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canRequest && (
        <form method="post" action={`/cases/${caseId}/escalation/request`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <p class="hint">{t('board.requestHint')}</p>
          <TextArea
            name="requestWhat"
            label={t('board.what')}
            value={v.requestWhat}
            error={form.errors.requestWhat}
          />
          <TextArea
            name="requestWhy"
            label={t('board.why')}
            value={v.requestWhy}
            error={form.errors.requestWhy}
          />
          <SelectField
            name="proposedPartner"
            label={t('board.proposedPartner')}
            value={v.proposedPartner}
            error={form.errors.proposedPartner}
            blank=""
            choices={partners
              .filter((p) => p.kind === 'external')
              .map((p) => ({ value: p.key, label: p.name[lang] }))}
          />
          <SelectField
            name="proposedInfo"
            label={t('board.proposedInfo')}
            value={v.proposedInfo}
            error={form.errors.proposedInfo}
            blank=""
            choices={CONSENT_INFO.map((x) => ({ value: x, label: k(`consent.info.${x}`) }))}
          />
          <SubmitButton>{t('board.requestSubmit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

/** Sharing outside: after the board's approval of this share, or at acute risk with a reason. */
export function ShareForm({
  ctx,
  caseId,
  partners,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  partners: Partner[];
  form: FormState;
}) {
  const { t, lang } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const v = vals(form);
  return (
    <section aria-labelledby="esc-share">
      <h2 id="esc-share">{t('escalation.share')}</h2>
      <p class="hint">{t('ladder.shareHint')}</p>
      <form method="post" action={`/cases/${caseId}/escalation/share`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <SelectField
          name="partner"
          label={t('escalation.partner')}
          value={v.partner}
          error={form.errors.partner}
          blank=""
          choices={partners
            .filter((p) => p.kind === 'external')
            .map((p) => ({ value: p.key, label: p.name[lang] }))}
        />
        <SelectField
          name="info"
          label={t('escalation.info')}
          value={v.info}
          error={form.errors.info}
          blank=""
          choices={CONSENT_INFO.map((x) => ({ value: x, label: k(`consent.info.${x}`) }))}
        />
        <TextArea
          name="acuteReason"
          label={t('escalation.acuteReason')}
          hint={t('escalation.acuteHint')}
          value={v.acuteReason}
          error={form.errors.acuteReason}
        />
        <DateField
          name="sharedOn"
          label={t('escalation.sharedOn')}
          value={v.sharedOn}
          error={form.errors.sharedOn}
        />
        <TextArea
          name="note"
          label={t('escalation.note')}
          value={v.note}
          error={form.errors.note}
        />
        <SubmitButton>{t('escalation.shareSubmit')}</SubmitButton>
      </form>
    </section>
  );
}
